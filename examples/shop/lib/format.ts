/** Formats cents as a price, e.g. 1450 → "$14.50". */
export function formatPrice(cents: number, currency = "USD"): string {
  const symbol = currency === "EUR" ? "€" : "$";
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function pluralize(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
