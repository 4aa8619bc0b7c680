import { describe, expect, it } from "vitest";
import { Cart } from "./cart";
import { formatPrice, pluralize } from "./format";

describe("Cart", () => {
  it("adds and counts items", () => {
    const cart = new Cart().add("p1").add("p1", 2).add("p2");
    expect(cart.count).toBe(4);
    expect(cart.items.map((line) => [line.product.id, line.quantity])).toEqual([
      ["p1", 3],
      ["p2", 1],
    ]);
  });

  it("discounts gifts in carts of three or more", () => {
    expect(new Cart().add("p3").total()).toBe(1200);
    expect(new Cart().add("p3").add("p1", 2).total()).toBe(1080 + 2900);
  });

  it("rejects bad quantities and unknown products", () => {
    expect(() => new Cart().add("p1", 0)).toThrow(RangeError);
    expect(() => new Cart().add("nope")).toThrowErrorMatchingInlineSnapshot(`[Error: unknown product nope]`);
  });
});

describe.each([
  [0, "$0.00"],
  [5, "$0.05"],
  [1450, "$14.50"],
  [-250, "-$2.50"],
])("formatPrice(%i)", (cents, text) => {
  it(`is ${text}`, () => expect(formatPrice(cents)).toBe(text));
});

it("pluralizes", () => {
  expect([pluralize(1, "item"), pluralize(2, "item")]).toMatchSnapshot();
});
