import { useEffect } from "react";
import type { ReactNode } from "react";

export function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return children;
}
