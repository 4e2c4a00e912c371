/** Small SQL helpers shared by the routes and the document fetcher. */

/** A double-quoted SQL identifier (schema names come from configuration, never from requests). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Collects positional parameters while a query is built: `p.add(value)` returns `$n`. Values from requests only
 * ever reach SQL this way.
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
