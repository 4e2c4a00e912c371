/**
 * The registry's bounds on a listing's terms (docs/PROTOCOL.md, "Listings"), checked here so that a seller sees
 * the problem next to the field instead of in a failed simulation. The contract enforces them regardless.
 */
export const MIN_WINDOW_SECONDS = 3_600;
export const MAX_WINDOW_SECONDS = 90 * 86_400;
export const MAX_ARBITER_FEE_BPS = 1_000n;
export const MAX_PRICE = 2n ** 96n - 1n;
export const MAX_STOCK = 2n ** 32n - 1n;
export const MAX_IMAGES = 8;
export const MAX_ATTRIBUTES = 20;
export const MAX_TAGS = 10;
