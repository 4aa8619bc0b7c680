"use server";

import { db } from "./db";

export async function saveCart(items: string[]) {
  await db.save(items);
}

export const removeCart = async (id: string) => {
  await db.remove(id);
};
