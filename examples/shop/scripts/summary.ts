// Prints a summary of a sample order: what `dx run` shows in the README.
import { readFileSync } from "node:fs";
import { Cart } from "@/lib/cart";
import { formatPrice, pluralize } from "@/lib/format";
import { products } from "@/lib/products";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string };
const cart = new Cart().add("p1", 2).add("p3").add("p4");

console.log(`${pkg.name}: ${pluralize(products.length, "product")} in the catalogue`);
console.table(cart.items.map(({ product, quantity }) => ({ item: product.name, quantity, price: formatPrice(product.priceCents) })));
console.log("total", formatPrice(cart.total()), "for", pluralize(cart.count, "item"));

const started = performance.now();
await new Promise((resolve) => setTimeout(resolve, 5));
console.log("timers work:", performance.now() - started >= 5);
try {
  cart.add("p1", 0);
} catch (error) {
  console.log("errors keep their type:", error instanceof RangeError, (error as Error).message);
}
