import { digestToCid } from "@souk/sdk/cid";
import { parseDocument, type DocumentResult } from "@souk/sdk/schemas";
import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import type { z } from "zod";

import { fetchVerified, IpfsError, retryIpfs } from "../lib/ipfs.ts";

export type DocumentState<T> =
  | { status: "loading" }
  | { status: "empty" }
  | { status: "ready"; value: T; cid: string }
  | { status: "invalid"; error: string; cid: string }
  | { status: "unverified" | "too-large" | "missing" | "unreachable"; error: string; cid: string };

/**
 * A document named by its on-chain digest: fetched, verified against its CID, size-limited and validated against
 * `schema` before anyone sees it. Immutable, so cached forever.
 */
export function useDocument<S extends z.ZodType>(schema: S, digest: Hex | undefined, name: string): DocumentState<z.infer<S>> {
  const empty = digest === undefined || /^0x0*$/.test(digest);
  const cid = empty ? undefined : digestToCid(digest);
  const query = useQuery({
    queryKey: ["document", name, cid],
    enabled: cid !== undefined,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: retryIpfs,
    queryFn: async ({ signal }): Promise<DocumentResult<z.infer<S>>> =>
      parseDocument(schema, await fetchVerified(cid!, { maxBytes: 64 * 1024, signal })),
  });
  if (cid === undefined) return { status: "empty" };
  if (query.data !== undefined) {
    return query.data.ok
      ? { status: "ready", value: query.data.value, cid }
      : { status: "invalid", error: query.data.error, cid };
  }
  if (query.error !== null) {
    const kind = query.error instanceof IpfsError ? query.error.kind : "unreachable";
    const status = kind === "unverified" ? "unverified" : kind === "not-found" ? "missing" : kind === "too-large" ? "too-large" : "unreachable";
    return { status, error: query.error.message, cid };
  }
  return { status: "loading" };
}
