import { useEffect, useRef } from "react";

export function Search() {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  return <input ref={input} />;
}
