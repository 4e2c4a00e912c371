/** Request parameters of the analytics endpoints, checked like every other (query-params.ts): 400 with a sentence. */
import { CATEGORIES } from "@souk/sdk";
import { z } from "zod";

import { address, int, parse } from "../query-params.ts";

const priceSuggestionSchema = z
  .object({
    category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(", ")}` }),
    token: address,
  })
  .strict();

export function parsePriceSuggestionQuery(url: URL): z.infer<typeof priceSuggestionSchema> {
  return parse(priceSuggestionSchema, url);
}

export const MAX_SIMILAR = 24;

const similarSchema = z.object({ limit: int(1, MAX_SIMILAR).default(6) }).strict();

export function parseSimilarQuery(url: URL): z.infer<typeof similarSchema> {
  return parse(similarSchema, url);
}
