/**
 * The document fetcher: finds documents the chain points at that are not cached yet (Ponder's `document_ref`
 * table), fetches and verifies them, and stores the outcome. Unavailable documents are retried with exponential
 * backoff; invalid ones are stored with the reason and never searched. Runs beside the indexer, never inside its
 * indexing functions, so a slow gateway never stalls indexing. One fetcher per database is enough; more would only
 * fetch some documents twice.
 */
import type pg from "pg";

import { startBackgroundLoop, type BackgroundLoop } from "../background-loop.ts";
import { compactListingCounts } from "../search/listing-counts.ts";
import { ensureSearchProjection, projectionSchema, refreshProjectedDocuments, vacuumSearchProjection } from "../search/projection.ts";
import { quoteIdent } from "../sql.ts";
import { DOCUMENTS_SCHEMA, TS_CONFIG } from "./store-schema.ts";
import { fetchDocument, isDocumentKind, type DocumentKind, type FetchedDocument } from "./fetch-document.ts";
import { lexiconWords } from "./words.ts";

export interface DocumentWorkerOptions {
  pool: pg.Pool;
  /** Ponder's schema (where `document_ref` lives). */
  schema: string;
  gateways: string[];
  /** Time between looks for new documents. */
  intervalMs?: number;
  /** Fetches in flight at once. */
  concurrency?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  fetchTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/** `drained()` resolves when every document known now has been attempted once (for tests and start-up). */
export type DocumentWorker = BackgroundLoop;

interface Ref {
  digest: `0x${string}`;
  kind: DocumentKind;
  attempts: number;
}

/** Everything a full sweep compares, every this often, on top of the quick looks at recent blocks. */
const SWEEP_EVERY_MS = 15_000;
/**
 * Quick looks (every `intervalMs`) go this many blocks back from the newest reference seen, for references that a
 * short reorg put in blocks already looked at; a deeper reorg's are found by the next sweep. Kept short: a quick look
 * reads every reference in its blocks, and at 100,000 listings packed 300 to a block, 256 blocks meant reading 77,000
 * references five times a second (about 100 ms each). A look whose blocks did not change is skipped (pending()).
 */
const RECENT_BLOCKS = 16n;
const BATCH = 256;
/** Changes to the listings' counts (inserts, documents arriving, closes) after which the projection is vacuumed. */
const VACUUM_AFTER = 1_000;

export function startDocumentWorker(options: DocumentWorkerOptions): DocumentWorker {
  const { pool } = options;
  const refTable = `${quoteIdent(options.schema)}.document_ref`;
  const interval = options.intervalMs ?? 200;
  const concurrency = options.concurrency ?? 16;
  const backoff = options.backoffMs ?? 2_000;
  const maxBackoff = options.maxBackoffMs ?? 30 * 60_000;
  let newestBlock = -1n;
  let lastSweep = 0;
  let projected = false;
  /** The blocks and references of the last quick look that found nothing (since:count:newest block). */
  let quietWindow: string | undefined;
  /** Count changes folded since the projection was last vacuumed: a measure of how much it changed. */
  let changed = 0;

  async function pending(): Promise<Ref[]> {
    const sweep = Date.now() - lastSweep > SWEEP_EVERY_MS;
    // The search projection needs Ponder's tables; a sweep also repairs it if Ponder recreated them, and copies
    // documents that arrived while a listing pointing at them was being written.
    if (!projected || sweep) {
      const wasProjected = projected;
      projected = await ensureSearchProjection(pool, options.schema);
      if (projected && wasProjected) await refreshProjectedDocuments(pool, options.schema, "stale");
    }
    if (projected) {
      await refreshProjectedDocuments(pool, options.schema, "waiting");
      // The listing counts' deltas (written by every change of the projection) folded into their totals.
      changed += await compactListingCounts(pool, projectionSchema(options.schema));
    }
    const since = sweep ? -1n : newestBlock - RECENT_BLOCKS;
    // A quick look whose blocks hold the same references as at the last one that found nothing has nothing to find:
    // counting them reads an index, where looking for their documents reads one per reference.
    let window: string | undefined;
    if (!sweep) {
      const { rows } = await pool.query<{ n: string; newest: string | null }>(
        `SELECT count(*)::text AS n, max(block_number)::text AS newest FROM ${refTable} WHERE block_number > $1`,
        [since.toString()],
      );
      window = `${since}:${rows[0]!.n}:${rows[0]!.newest}`;
    }
    const fresh =
      window !== undefined && window === quietWindow
        ? { rows: [] }
        : await pool.query<{ digest: `0x${string}`; kind: string; block: string }>(
            `SELECT r.digest, r.kind, r.block_number::text AS block
             FROM ${refTable} r
             LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = r.digest AND d.kind = r.kind
             WHERE d.digest IS NULL AND r.block_number > $1
             ORDER BY r.block_number
             LIMIT ${BATCH}`,
            [since.toString()],
          );
    quietWindow = fresh.rows.length === 0 ? window : undefined;
    if (sweep && fresh.rows.length < BATCH) lastSweep = Date.now();
    const retries = await pool.query<{ digest: `0x${string}`; kind: string; attempts: number }>(
      `SELECT digest, kind, attempts FROM ${DOCUMENTS_SCHEMA}.document
       WHERE status = 'unavailable' AND next_attempt_at <= now()
       ORDER BY next_attempt_at LIMIT ${BATCH}`,
    );
    const refs: Ref[] = [];
    for (const row of fresh.rows) {
      const block = BigInt(row.block);
      if (block > newestBlock) newestBlock = block;
      if (isDocumentKind(row.kind)) refs.push({ digest: row.digest, kind: row.kind, attempts: 0 });
    }
    for (const row of retries.rows) {
      if (isDocumentKind(row.kind)) refs.push({ digest: row.digest, kind: row.kind, attempts: row.attempts });
    }
    return refs;
  }

  async function store(results: Array<{ ref: Ref; result: FetchedDocument }>): Promise<void> {
    const rows = results.map(({ ref, result }) => {
      const attempts = ref.attempts + 1;
      const delay = Math.min(backoff * 2 ** (attempts - 1), maxBackoff);
      const body = result.status === "valid" ? (result.body as Record<string, unknown>) : null;
      const listing = ref.kind === "listing" && body !== null ? (body as unknown as ListingBody) : null;
      return {
        digest: ref.digest,
        kind: ref.kind,
        status: result.status,
        error: result.status === "valid" ? null : result.error,
        attempts,
        next: result.status === "unavailable" ? new Date(Date.now() + delay).toISOString() : null,
        size: result.status === "unavailable" ? null : result.size,
        body: body === null ? null : JSON.stringify(body),
        title: listing?.title ?? null,
        category: listing?.category ?? null,
        tags: listing === null ? null : [...(listing.tags ?? []), listing.category, listing.condition ?? ""].join(" "),
        details: listing === null ? null : detailsText(listing),
        description: listing?.description ?? null,
      };
    });
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
    // The words first: a stored document is never fetched again, so its words must be in before it is stored (a
    // failed projection refresh below is repaired by the next sweep; a lost word would stay lost).
    const vocabulary = lexiconWords(
      rows.flatMap((row) => (row.kind === "listing" && row.status === "valid" ? [row.title ?? "", row.tags ?? "", row.description ?? ""] : [])),
    );
    if (vocabulary.length > 0) {
      await pool.query(
        `INSERT INTO ${DOCUMENTS_SCHEMA}.lexicon (word) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`,
        [vocabulary],
      );
    }
    await pool.query(
      `INSERT INTO ${DOCUMENTS_SCHEMA}.document
         (digest, kind, status, error, attempts, next_attempt_at, size, body, title, category, search, fetched_at, updated_at)
       SELECT digest, kind, status, error, attempts, next_attempt_at, size, body, title, category,
         CASE WHEN kind = 'listing' AND status = 'valid' THEN
           setweight(to_tsvector('${TS_CONFIG}', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('${TS_CONFIG}', coalesce(tags, '')), 'B') ||
           setweight(to_tsvector('${TS_CONFIG}', coalesce(details, '')), 'C') ||
           setweight(to_tsvector('${TS_CONFIG}', coalesce(description, '')), 'D')
         END,
         CASE WHEN status = 'unavailable' THEN NULL ELSE now() END,
         now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::int[], $8::jsonb[],
                   $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS t(digest, kind, status, error, attempts, next_attempt_at, size, body, title, category, tags, details, description)
       ON CONFLICT (digest, kind) DO UPDATE SET
         status = excluded.status, error = excluded.error, attempts = excluded.attempts,
         next_attempt_at = excluded.next_attempt_at, size = excluded.size, body = excluded.body,
         title = excluded.title, category = excluded.category, search = excluded.search,
         fetched_at = excluded.fetched_at, updated_at = excluded.updated_at`,
      [
        column("digest"),
        column("kind"),
        column("status"),
        column("error"),
        column("attempts"),
        column("next"),
        column("size"),
        column("body"),
        column("title"),
        column("category"),
        column("tags"),
        column("details"),
        column("description"),
      ],
    );
    const listings = rows.filter((row) => row.kind === "listing").map((row) => row.digest);
    if (listings.length > 0 && projected) await refreshProjectedDocuments(pool, options.schema, listings);
  }

  async function fetchAll(refs: Ref[]): Promise<Array<{ ref: Ref; result: FetchedDocument }>> {
    const results: Array<{ ref: Ref; result: FetchedDocument }> = [];
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, refs.length) }, async () => {
      while (next < refs.length) {
        const ref = refs[next++]!;
        const result = await fetchDocument(ref.digest, ref.kind, options.gateways, options.fetchTimeoutMs).catch(
          (error: unknown) => ({ status: "unavailable" as const, error: error instanceof Error ? error.message : String(error) }),
        );
        results.push({ ref, result });
      }
    });
    await Promise.all(lanes);
    return results;
  }

  return startBackgroundLoop({
    intervalMs: interval,
    onError: options.onError,
    round: async () => {
      const refs = await pending();
      if (refs.length > 0) {
        await store(await fetchAll(refs));
        return true;
      }
      if (changed >= VACUUM_AFTER) {
        // Idle after many changes (a backfill, a burst of documents): the planner's statistics brought up to date.
        changed = 0;
        await vacuumSearchProjection(pool, options.schema).catch((error: unknown) => options.onError?.(error));
      }
      return false;
    },
  });
}

interface ListingBody {
  title: string;
  description: string;
  category: string;
  tags?: string[];
  condition?: string;
  attributes?: Array<{ name: string; value: string }>;
  delivery?: { method: string; regions?: string; notes?: string };
}

/** Attributes and delivery details, searched with less weight than the title and tags. */
function detailsText(listing: ListingBody): string {
  return [
    ...(listing.attributes ?? []).flatMap((a) => [a.name, a.value]),
    listing.delivery?.method ?? "",
    listing.delivery?.regions ?? "",
  ].join(" ");
}
