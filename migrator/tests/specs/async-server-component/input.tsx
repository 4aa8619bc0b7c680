import { products } from "./products";

export default async function ProductsPage() {
  const list = await Promise.resolve(products);
  return <p>{list.length} products</p>;
}
