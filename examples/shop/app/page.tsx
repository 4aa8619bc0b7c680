import Link from "next/link";
import { products } from "@/lib/products";
import { formatPrice } from "@/lib/format";

export default function Home() {
  return (
    <main>
      <h1>dx shop</h1>
      <ul>
        {products.map((p) => (
          <li key={p.id}>
            <Link href={`/products/${p.id}`}>{p.name}</Link> {formatPrice(p.priceCents)}
          </li>
        ))}
      </ul>
    </main>
  );
}
