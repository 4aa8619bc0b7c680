"use client";
import { useMemo, useState } from "react";
import { Cart } from "@/lib/cart";
import { formatPrice, pluralize } from "@/lib/format";

export function CartSummary({ cart, currency }: { cart: Cart; currency?: string }) {
  const [open, setOpen] = useState(false);
  const total = useMemo(() => cart.total(), [cart]);
  return (
    <section className="cart">
      <button onClick={() => setOpen(!open)}>
        {open ? "Hide" : "Show"} {pluralize(cart.count, "item")} ({formatPrice(total, currency)})
      </button>
      {open && (
        <ul>
          {cart.items.map(({ product, quantity }) => (
            <li key={product.id}>
              {quantity} × {product.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
