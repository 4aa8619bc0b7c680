#!/usr/bin/env python3
"""Writes a Next.js app router app with N components for the `dx migrate` benchmark.

    gen.py OUT_DIR [N]

Each component is a realistic client component (useState with a functional update, useEffect
with deps and a cleanup, useMemo, useCallback, useRef, className); every tenth is a page under
app/ that imports two components through the `@/` alias, so import rewriting is exercised too.
The output is deterministic: the same N gives the same files.
"""
import json
import os
import sys

COMPONENT = '''"use client";
import {{ useCallback, useEffect, useMemo, useRef, useState }} from "react";
import Link from "next/link";

type Item = {{ id: number; label: string; price: number }};

/** Component {i}: a filterable list with a counter. */
export function Widget{i}({{ items, title }}: {{ items: Item[]; title: string }}) {{
  const [count, setCount] = useState(0);
  const [query, setQuery] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const visible = useMemo(
    () => items.filter((item) => item.label.includes(query)),
    [items, query],
  );
  const total = useMemo(() => visible.reduce((sum, item) => sum + item.price, 0), [visible]);
  const increment = useCallback(() => setCount((c) => c + 1), []);
  useEffect(() => {{
    const id = setInterval(() => setCount((c) => c + 1), 1000 + {i});
    return () => clearInterval(id);
  }}, []);
  useEffect(() => {{
    document.title = `${{title}} (${{count}})`;
  }}, [title, count]);
  return (
    <section className="widget widget-{i}">
      <label htmlFor="q{i}">Filter</label>
      <input id="q{i}" ref={{input}} value={{query}} onChange={{(e) => setQuery(e.target.value)}} />
      <button onClick={{increment}}>{{count}}</button>
      <ul>
        {{visible.map((item) => (
          <li key={{item.id}} className="row">
            <Link href={{`/items/${{item.id}}`}}>{{item.label}}</Link> {{item.price}}
          </li>
        ))}}
      </ul>
      <p className="total">{{total}}</p>
    </section>
  );
}}
'''

PAGE = '''import {{ Widget{a} }} from "@/components/Widget{a}";
import {{ Widget{b} }} from "@/components/Widget{b}";

export const metadata = {{ title: "page {p}" }};

export default function Page{p}() {{
  const items = [{{ id: 1, label: "one", price: 1 }}];
  return (
    <main>
      <Widget{a} items={{items}} title="a" />
      <Widget{b} items={{items}} title="b" />
    </main>
  );
}}
'''


def main() -> None:
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    os.makedirs(os.path.join(out, "components"), exist_ok=True)
    os.makedirs(os.path.join(out, "app"), exist_ok=True)
    with open(os.path.join(out, "package.json"), "w") as f:
        json.dump({"name": "bench-app", "private": True, "dependencies": {"next": "15.0.0", "react": "19.0.0"}}, f)
    with open(os.path.join(out, "tsconfig.json"), "w") as f:
        json.dump({"compilerOptions": {"strict": True, "paths": {"@/*": ["./*"]}}}, f)
    pages = n // 10
    for i in range(n - pages):
        with open(os.path.join(out, "components", f"Widget{i}.tsx"), "w") as f:
            f.write(COMPONENT.format(i=i))
    for p in range(pages):
        route = os.path.join(out, "app", f"p{p}")
        os.makedirs(route, exist_ok=True)
        a, b = (2 * p) % (n - pages), (2 * p + 1) % (n - pages)
        with open(os.path.join(route, "page.tsx"), "w") as f:
            f.write(PAGE.format(p=p, a=a, b=b))


if __name__ == "__main__":
    main()
