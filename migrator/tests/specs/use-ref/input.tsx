import { useRef } from "react";

export function Clicks() {
  const clicks = useRef(0);
  function click() {
    clicks.current += 1;
    console.log(clicks.current);
  }
  return <button onClick={click}>count</button>;
}
