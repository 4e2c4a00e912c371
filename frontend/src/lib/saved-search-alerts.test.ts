import { describe, expect, it } from "vitest";

import type { IndexedListing } from "./indexer.ts";
import { savedSearchNotifications } from "./saved-search-alerts.ts";
import type { SavedSearch } from "./saved-searches.ts";

const search = (id: string, label: string): SavedSearch => ({ id, label, browse: `q=${id}`, api: `q=${id}`, lastSeenId: "0", savedAt: 0 });
const listing = (id: string, title: string | undefined, createdAt: number) =>
  ({ id, createdAt, metadata: title === undefined ? {} : { content: { title } } }) as unknown as IndexedListing;

describe("saved-search notifications", () => {
  it("one per new matching listing, linking to it, at the time it was listed", () => {
    const fresh = new Map([
      ["a", [listing("12", "Wool scarf", 200), listing("11", undefined, 100)]],
      ["b", []],
    ]);
    expect(savedSearchNotifications([search("a", "“scarf”"), search("b", "in Toys")], fresh)).toEqual([
      { id: "saved-search:a:12", kind: "saved-search", title: "New listing for your saved search “scarf”", body: "Wool scarf", href: "/listing/12", at: 200 },
      { id: "saved-search:a:11", kind: "saved-search", title: "New listing for your saved search “scarf”", body: "Listing #11", href: "/listing/11", at: 100 },
    ]);
  });

  it("nothing for a search without an answer yet", () => {
    expect(savedSearchNotifications([search("a", "x")], new Map())).toEqual([]);
  });
});
