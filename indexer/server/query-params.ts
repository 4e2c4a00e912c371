/**
 * Request parameters, checked before any query runs: unknown or repeated parameters, malformed addresses, amounts,
 * numbers and enums get HTTP 400 with a sentence naming the parameter and what it accepts.
 */
import { CATEGORIES, ORDER_STATES } from "@souk/sdk";
import { z } from "zod";

export class BadRequest extends Error {
  override name = "BadRequest";
}

export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: "must be an address: 0x followed by 40 hexadecimal digits" })
  .transform((value) => value.toLowerCase() as `0x${string}`);

/** A uint256 in base units, as a decimal string. */
const amount = z
  .string()
  .regex(/^(0|[1-9]\d{0,77})$/, { error: "must be a whole number of the token's base units, in decimal digits" })
  .transform((value) => BigInt(value))
  .refine((value) => value < 2n ** 256n, { error: "must fit in 256 bits" });

export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be a whole number from ${min} to ${max}` });

const bool = z.enum(["true", "false"], { error: 'must be "true" or "false"' }).transform((value) => value === "true");

export const SORTS = ["relevance", "newest", "price-asc", "price-desc", "rating"] as const;
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 8;
export const MAX_PAGE_SIZE = 100;

const listingsSchema = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, { error: `must be at most ${MAX_QUERY_LENGTH} characters` }).optional(),
    category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(", ")}` }).optional(),
    token: address.optional(),
    minPrice: amount.optional(),
    maxPrice: amount.optional(),
    minRating: z
      .string()
      .regex(/^\d(\.\d{1,2})?$/, { error: "must be a number from 1 to 5 (at most two decimals)" })
      .transform(Number)
      .refine((n) => n >= 1 && n <= 5, { error: "must be a number from 1 to 5 (at most two decimals)" })
      .optional(),
    inStock: bool.optional(),
    seller: address.optional(),
    status: z.enum(["open", "closed", "all"], { error: 'must be "open", "closed" or "all"' }).default("open"),
    sort: z.enum(SORTS, { error: `must be one of: ${SORTS.join(", ")}` }).optional(),
    page: int(1, 10_000).default(1),
    pageSize: int(1, MAX_PAGE_SIZE).default(24),
  })
  .strict();

export type ListingsQuery = z.infer<typeof listingsSchema>;

export function parseListingsQuery(url: URL): ListingsQuery {
  const query = parse(listingsSchema, url);
  if ((query.minPrice !== undefined || query.maxPrice !== undefined) && query.token === undefined) {
    throw new BadRequest("minPrice and maxPrice are in a token's base units: give the token too (token=0x…, the zero address for ETH).");
  }
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new BadRequest("minPrice must not be greater than maxPrice.");
  }
  return query;
}

export const ORDER_ROLES = ["buyer", "seller", "arbiter", "any"] as const;
const states = ORDER_STATES.filter((s) => s !== "None");

const ordersSchema = z
  .object({
    account: address,
    role: z.enum(ORDER_ROLES, { error: `must be one of: ${ORDER_ROLES.join(", ")}` }).default("any"),
    state: z
      .string()
      .transform((value) => value.split(","))
      .pipe(z.array(z.enum(states, { error: `must be states separated by commas, from: ${states.join(", ")}` })))
      .optional(),
    page: int(1, 10_000).default(1),
    pageSize: int(1, MAX_PAGE_SIZE).default(50),
  })
  .strict();

export type OrdersQuery = z.infer<typeof ordersSchema>;

export function parseOrdersQuery(url: URL): OrdersQuery {
  return parse(ordersSchema, url);
}

const disputesSchema = z
  .object({
    status: z.enum(["open", "all"], { error: 'must be "open" or "all"' }).default("open"),
  })
  .strict();

export function parseDisputesQuery(url: URL): z.infer<typeof disputesSchema> {
  return parse(disputesSchema, url);
}

export function parseNoQuery(url: URL): void {
  parse(z.object({}).strict(), url);
}

/** A path parameter: an address. */
export function parseAddress(value: string, what: string): `0x${string}` {
  const result = address.safeParse(value);
  if (!result.success) throw new BadRequest(`The ${what} ${result.error.issues[0]!.message}.`);
  return result.data;
}

/** A path parameter: a uint256 id in decimal. */
export function parseId(value: string, what: string): bigint {
  if (!/^(0|[1-9]\d{0,77})$/.test(value) || BigInt(value) >= 2n ** 256n) {
    throw new BadRequest(`The ${what} must be a whole number in decimal digits, not "${value.slice(0, 80)}".`);
  }
  return BigInt(value);
}

export function parse<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in raw) throw new BadRequest(`The parameter "${key}" is given more than once.`);
    raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    throw new BadRequest(`Unknown parameter${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`);
  }
  const key = String(issue.path[0]);
  if (raw[key] === undefined) throw new BadRequest(`The parameter "${key}" is required.`);
  throw new BadRequest(`The parameter "${key}" ${issue.message}.`);
}
