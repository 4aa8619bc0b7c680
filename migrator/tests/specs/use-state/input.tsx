"use client";
import { useState } from "react";

// A counter: the comment stays.
export function Counter({ start }: { start: number }) {
  const [count, setCount] = useState<number>(start);
  const [open, setOpen] = useState(false);
  function reset() {
    setCount(0);
  }
  return (
    <div className="counter">
      <button onClick={() => setCount(c => c + 1)}>+1</button>
      <button onClick={() => setOpen(!open)}>{open ? "Hide" : "Show"}</button>
      <button onClick={reset}>{count}</button>
    </div>
  );
}
