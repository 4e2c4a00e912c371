/**
 * A listing's metadata as the browse page knows it: verified and valid (with its search text computed once), or the
 * reason it cannot be shown. Content is only ever present in the "ready" state.
 */
import type { DocumentResult, ListingMetadata } from "@souk/sdk/schemas";

export type MetaEntry =
  | { status: "ready"; value: ListingMetadata; search: string }
  | { status: "invalid"; error: string }
  | { status: "unverified" | "too-large" | "missing" | "unreachable"; error: string };

export type FailureKind = "unverified" | "too-large" | "missing" | "unreachable" | "invalid";

/** Lower-case, accents removed, whitespace collapsed: what search compares ("Crème brûlée" matches "creme"). */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The text a listing is searched by: title, description and tags, normalised once when the document arrives. */
export function searchTextOf(metadata: ListingMetadata): string {
  return normalise([metadata.title, metadata.description, ...(metadata.tags ?? [])].join("\n"));
}

/** A parsed document (the value use-document.ts caches) as an entry. */
export function entryFromDocument(result: DocumentResult<ListingMetadata>): MetaEntry {
  return result.ok
    ? { status: "ready", value: result.value, search: searchTextOf(result.value) }
    : { status: "invalid", error: result.error };
}

/** A failed fetch as an entry, with the same classification use-document.ts applies. */
export function entryFromFailure(kind: string | undefined, message: string): MetaEntry {
  const status: FailureKind =
    kind === "unverified" ? "unverified" : kind === "not-found" ? "missing" : kind === "too-large" ? "too-large" : "unreachable";
  return { status, error: message };
}
