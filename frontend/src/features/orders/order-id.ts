/** Order ids are uint256 in decimal in the URL (/orders/17179869185); anything else is not an order. */
export function parseOrderId(raw: string | undefined): bigint | undefined {
  if (raw === undefined || !/^\d{1,78}$/.test(raw)) return undefined;
  const id = BigInt(raw);
  return id > 0n && id < 2n ** 256n ? id : undefined;
}
