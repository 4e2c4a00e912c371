/**
 * The search requests `npm run bench:indexer` times: text (common, rare, plural, accented, typo, prefix, several
 * words, no match), filters (category, token, price range, stock, rating, seller), sorts and deep pages, alone and
 * combined. Each shape has variants that are cycled, so that repeated runs are not the same request.
 */
import { CATEGORIES } from "@souk/sdk";

export interface QueryShape {
  name: string;
  paths: string[];
}

export function queryShapes(tokens: string[], sellers: string[]): QueryShape[] {
  const [eth, dusd] = [tokens[0]!, tokens[1] ?? tokens[0]!];
  const cat = (i: number) => encodeURIComponent(CATEGORIES[i % CATEGORIES.length]!);
  const variants = <T>(values: T[], path: (v: T, i: number) => string) => values.map(path);
  return [
    { name: "browse, newest", paths: variants([1, 2, 3], (p) => `/api/listings?page=${p}`) },
    { name: "browse, page 200", paths: variants([200, 201, 202], (p) => `/api/listings?page=${p}`) },
    { name: "category", paths: variants([0, 1, 2, 3], (i) => `/api/listings?category=${cat(i)}`) },
    { name: "token", paths: variants(tokens, (t) => `/api/listings?token=${t}`) },
    { name: "token + price range", paths: variants([1, 2, 3], (k) => `/api/listings?token=${dusd}&minPrice=${k * 1_000_000}&maxPrice=${k * 20_000_000}`) },
    { name: "in stock, price ascending", paths: variants([1, 2], (p) => `/api/listings?inStock=true&sort=price-asc&page=${p}`) },
    { name: "category, price descending", paths: variants([4, 5, 6], (i) => `/api/listings?category=${cat(i)}&sort=price-desc`) },
    { name: "best-rated sellers", paths: variants([1, 2], (p) => `/api/listings?sort=rating&page=${p}`) },
    { name: "minimum rating 4", paths: variants([4, 4.5], (r) => `/api/listings?minRating=${r}`) },
    { name: "one seller", paths: variants(sellers, (s) => `/api/listings?seller=${s}`) },
    { name: "text: common word", paths: variants(["walnut", "vintage", "brass", "leather"], (q) => `/api/listings?q=${q}`) },
    { name: "text: plural (stemming)", paths: variants(["scarves", "cameras", "lamps", "novels"], (q) => `/api/listings?q=${q}`) },
    { name: "text: accents folded", paths: variants(["suede", "creme", "rose"], (q) => `/api/listings?q=${q}`) },
    { name: "text: typo", paths: variants(["headphnes", "camra", "telescpe", "bicyle"], (q) => `/api/listings?q=${q}`) },
    { name: "text: prefix while typing", paths: variants(["hea", "headp", "walnu", "porcel"], (q) => `/api/listings?q=${q}`) },
    { name: "text: two words", paths: variants(["wireless headphones", "brass lamp", "wool scarf"], (q) => `/api/listings?q=${encodeURIComponent(q)}`) },
    { name: "text: rare word", paths: variants(["sourdough", "kayak", "encyclopedia"], (q) => `/api/listings?q=${q}`) },
    { name: "text: no match", paths: variants(["zyxwvut", "qqqqq"], (q) => `/api/listings?q=${q}`) },
    { name: "text + category", paths: variants([["vintage", 0], ["walnut", 1], ["wool", 2]] as const, ([q, i]) => `/api/listings?q=${q}&category=${cat(i)}`) },
    { name: "text + token + price", paths: variants(["vintage", "brass"], (q) => `/api/listings?q=${q}&token=${eth}&minPrice=10000000000000000&maxPrice=50000000000000000000`) },
    { name: "text, price ascending", paths: variants(["leather", "oak"], (q) => `/api/listings?q=${q}&sort=price-asc`) },
    { name: "text, page 5", paths: variants(["vintage", "handmade"], (q) => `/api/listings?q=${q}&page=5`) },
    { name: "everything, closed too", paths: variants([1, 2], (p) => `/api/listings?status=all&page=${p}`) },
  ];
}
