import { useRef } from "react";
import { track } from "./track";

export function Tracked() {
  const seen = useRef<number>(0);
  track(seen);
  return <p>{seen.current}</p>;
}
