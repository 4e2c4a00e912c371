/**
 * How a document appears in answers: its status, and its verified, schema-checked content when valid. Clients that
 * must trust content (the dApp before a purchase) fetch it themselves by `cid` and verify it.
 */
import { digestToCid } from "@souk/sdk";

export type DocumentStatus = "valid" | "invalid" | "unavailable" | "pending";

export interface DocumentRow {
  digest: string | null;
  status: string | null;
  error: string | null;
  body: unknown;
}

export interface DocumentView {
  cid: string;
  digest: string;
  status: DocumentStatus;
  error?: string;
  content?: unknown;
}

/** `pending`: not fetched yet; `unavailable`: no gateway had it (retried); `invalid`: the bytes are not a document. */
export function documentView(row: DocumentRow): DocumentView | null {
  if (row.digest === null) return null;
  const status = (row.status ?? "pending") as DocumentStatus;
  return {
    cid: digestToCid(row.digest as `0x${string}`),
    digest: row.digest,
    status,
    ...(row.error === null || status === "valid" ? {} : { error: row.error }),
    ...(status === "valid" ? { content: row.body } : {}),
  };
}
