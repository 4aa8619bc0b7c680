import { useRouter } from "next/router";
import { useState } from "react";

export default function Search() {
  const nav = useRouter();
  const [q, setQ] = useState("");
  return (
    <form onSubmit={() => nav.push(`/search?q=${q}`)}>
      <label htmlFor="q">Search</label>
      <input id="q" value={q} onChange={(e) => setQ(e.target.value)} />
    </form>
  );
}
