import { useReducer } from "react";

type Action = { type: "inc" } | { type: "dec" };

function reducer(state: number, action: Action) {
  return action.type === "inc" ? state + 1 : state - 1;
}

export function Stepper() {
  const [value, dispatch] = useReducer(reducer, 0);
  return <button onClick={() => dispatch({ type: "inc" })}>{value}</button>;
}
