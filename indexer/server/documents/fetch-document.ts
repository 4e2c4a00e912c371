/**
 * Gets one document by its on-chain digest from the configured gateways (raw block, `?format=raw`), checks the
 * bytes against the digest before anything else looks at them, then parses them with the SDK's schema for its
 * kind. A gateway that is down, slow, or returns other bytes is skipped for the next one; only bytes that match the
 * digest can make a document invalid.
 */
import {
  digestToCid,
  evidenceSchema,
  fulfillmentNoteSchema,
  listingMetadataSchema,
  parseDocument,
  replySchema,
  reviewSchema,
  verifyBlock,
} from "@souk/sdk";
import { concatBytes } from "viem";
import type { z } from "zod";

export type DocumentKind = "listing" | "note" | "evidence" | "review" | "reply";

const SCHEMAS: Record<DocumentKind, z.ZodType> = {
  listing: listingMetadataSchema,
  note: fulfillmentNoteSchema,
  evidence: evidenceSchema,
  review: reviewSchema,
  reply: replySchema,
};

export function isDocumentKind(kind: string): kind is DocumentKind {
  return kind in SCHEMAS;
}

export type FetchedDocument =
  | { status: "valid"; size: number; body: unknown }
  | { status: "invalid"; size: number; error: string }
  | { status: "unavailable"; error: string };

/**
 * Bytes read from a gateway before giving up on it. Well above the document limit, so that an oversized document
 * is still hashed (and then refused as invalid); beyond it nothing can be verified, so nothing is concluded.
 */
const READ_LIMIT = 1024 * 1024;

export async function fetchDocument(
  digest: `0x${string}`,
  kind: DocumentKind,
  gateways: readonly string[],
  timeoutMs = 10_000,
): Promise<FetchedDocument> {
  const cid = digestToCid(digest);
  const problems: string[] = [];
  for (const gateway of gateways) {
    let bytes: Uint8Array;
    try {
      bytes = await readRaw(`${gateway}/ipfs/${cid}?format=raw`, timeoutMs);
    } catch (error) {
      problems.push(`${gateway}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (bytes.byteLength > READ_LIMIT) {
      problems.push(`${gateway}: sent more than ${READ_LIMIT} bytes, more than any document may be`);
      continue;
    }
    if (!(await verifyBlock(cid, bytes))) {
      problems.push(`${gateway}: returned bytes that do not match the digest`);
      continue;
    }
    const parsed = parseDocument(SCHEMAS[kind], bytes);
    return parsed.ok
      ? { status: "valid", size: bytes.byteLength, body: parsed.value }
      : { status: "invalid", size: bytes.byteLength, error: parsed.error };
  }
  return { status: "unavailable", error: problems.join("; ") || "no gateway configured" };
}

async function readRaw(url: string, timeoutMs: number): Promise<Uint8Array> {
  const response = await fetch(url, {
    headers: { accept: "application/vnd.ipld.raw" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > READ_LIMIT) {
      await reader.cancel();
      break;
    }
  }
  return concatBytes(chunks);
}
