import { useEffect, useState } from "react";

export function Logger({ value, label }: { value: number; label: string }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    console.log(label, value);
    setCount((n) => n + 1);
  }, [value]);
  return <p>{count}</p>;
}
