"use client";
import { useEffect, useState } from "react";
import { Cart } from "@/lib/cart";
import { CartSummary } from "@/components/CartSummary";

export default function CartPage() {
  const [cart] = useState(() => new Cart().add("p1").add("p3", 2));
  useEffect(() => {
    document.title = `Cart (${cart.count})`;
  }, [cart]);
  return <CartSummary cart={cart} currency="USD" />;
}
