export interface Product {
  id: string;
  name: string;
  priceCents: number;
  tags: readonly string[];
}

export const products: readonly Product[] = [
  { id: "p1", name: "Espresso beans", priceCents: 1450, tags: ["coffee"] },
  { id: "p2", name: "Pour-over kettle", priceCents: 4900, tags: ["gear"] },
  { id: "p3", name: "Ceramic cup", priceCents: 1200, tags: ["gear", "gift"] },
  { id: "p4", name: "Decaf beans", priceCents: 1350, tags: ["coffee", "gift"] },
];

export function findProduct(id: string): Product {
  const product = products.find((p) => p.id === id);
  if (!product) throw new Error(`unknown product ${id}`);
  return product;
}
