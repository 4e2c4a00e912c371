/**
 * "Save this search" on the browse page (loaded after the results, on demand): remembers the filters in this
 * browser with the newest listing matching now, so that later listings matching them are announced in the bell and
 * on the watchlist page.
 */
import { useState } from "react";
import { Link } from "react-router";

import { useLocalState } from "../../hooks/use-local-state.ts";
import { indexerGet, listingsPageSchema } from "../../lib/indexer.ts";
import { newestMatchesPath, readSavedSearches, saveSearch } from "../../lib/saved-searches.ts";
// Types only: this module is loaded on demand and must share no code with the browse page (see browse-page.tsx).
import type { BrowseParams } from "./filter.ts";

/** The search in words: “wool scarf” in Fashion, in DUSD from 10 to 50, sellers rated 4+. */
export function describeSearch(params: BrowseParams, tokenSymbol: string | undefined): string {
  const parts: string[] = [];
  if (params.q.trim() !== "") parts.push(`“${params.q.trim()}”`);
  if (params.category !== undefined) parts.push(`in ${params.category}`);
  if (params.token !== undefined) {
    const range = [params.min.trim() !== "" ? `from ${params.min.trim()}` : "", params.max.trim() !== "" ? `up to ${params.max.trim()}` : ""].filter((p) => p !== "");
    parts.push(`in ${tokenSymbol ?? "one currency"}${range.length > 0 ? ` ${range.join(" ")}` : ""}`);
  }
  if (params.minRating !== undefined) parts.push(`sellers rated ${params.minRating}+`);
  return parts.length === 0 ? "all listings" : parts.join(", ");
}

export default function SaveSearch({
  params,
  browse,
  api,
  indexer,
  tokenSymbol,
}: {
  params: BrowseParams;
  /** The browse page's query for these filters, and the indexer's (/api/listings?…). */
  browse: string;
  api: string;
  indexer: string;
  tokenSymbol: string | undefined;
}) {
  const saved = useLocalState(() => readSavedSearches().some((s) => s.browse === browse), [browse]);
  const [state, setState] = useState<"idle" | "saving" | "failed">("idle");
  if (saved) {
    return (
      <p className="text-sm text-success" role="status">
        Search saved: new matches will show in the bell and on your <Link to="/watchlist" className="underline">watchlist</Link>.
      </p>
    );
  }
  const save = async () => {
    setState("saving");
    try {
      // What matches now is not news: only listings newer than the newest match are announced.
      const newest = await indexerGet(indexer, newestMatchesPath({ api }, 1), listingsPageSchema);
      saveSearch({ label: describeSearch(params, tokenSymbol), browse, api, lastSeenId: newest.items[0]?.id ?? "0" });
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button
        type="button"
        className="inline-flex items-center gap-1.5 rounded-[var(--radius-control)] border border-border px-3 py-1.5 font-medium hover:bg-surface-muted"
        disabled={state === "saving"}
        onClick={() => void save()}
      >
        <span aria-hidden="true">🔔</span> Save this search
      </button>
      {state === "failed" && <span className="text-danger">The search service did not answer. Try again.</span>}
    </div>
  );
}
