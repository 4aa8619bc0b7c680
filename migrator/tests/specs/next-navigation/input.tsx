"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export function Tabs() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <button onClick={() => router.push("/next")}>
      {pathname} {params.get("q")}
    </button>
  );
}
