import { useState } from "react";
import { useWindowSize } from "./hooks";

export function useToggle(initial: boolean) {
  const [on, setOn] = useState(initial);
  return [on, () => setOn(!on)] as const;
}

export function Layout() {
  const size = useWindowSize();
  return <p>{size.width}</p>;
}
