import { bench, describe } from "vitest";
import { Cart } from "./cart";
import { formatPrice } from "./format";

describe("cart", () => {
  bench("add 4 products", () => {
    new Cart().add("p1").add("p2", 2).add("p3").add("p4", 3);
  });

  const full = new Cart().add("p1").add("p2", 2).add("p3").add("p4", 3);
  bench("total with gift discount", () => {
    full.total();
  });
});

describe("format", () => {
  bench("formatPrice", () => {
    formatPrice(123456);
  });

  bench("toFixed", () => {
    `$${(123456 / 100).toFixed(2)}`;
  });
});
