import { findProduct, type Product } from "./products";

export interface Line {
  product: Product;
  quantity: number;
}

export class Cart {
  private lines = new Map<string, Line>();

  add(id: string, quantity = 1): this {
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
    }
    const existing = this.lines.get(id);
    if (existing) existing.quantity += quantity;
    else this.lines.set(id, { product: findProduct(id), quantity });
    return this;
  }

  remove(id: string): void {
    this.lines.delete(id);
  }

  get items(): Line[] {
    return [...this.lines.values()];
  }

  get count(): number {
    return this.items.reduce((sum, line) => sum + line.quantity, 0);
  }

  /** Total in cents; 10% off every line tagged "gift" when the cart has 3 or more items. */
  total(): number {
    const discount = this.count >= 3;
    return this.items.reduce((sum, { product, quantity }) => {
      const price = discount && product.tags.includes("gift") ? Math.round(product.priceCents * 0.9) : product.priceCents;
      return sum + price * quantity;
    }, 0);
  }
}
