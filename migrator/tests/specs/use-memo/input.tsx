import { useMemo } from "react";

export function Total({ items }: { items: { price: number }[] }) {
  const total = useMemo(() => items.reduce((s, i) => s + i.price, 0), [items]);
  const sorted: number[] = useMemo(() => {
    const prices = items.map((i) => i.price);
    return prices.sort();
  }, [items]);
  return <p>{total} {sorted.join(",")}</p>;
}
