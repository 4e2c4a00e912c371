import { afterEach, describe, expect, it, vi } from "vitest";

import { markSearchSeen, MAX_SAVED_SEARCHES, newestMatchesPath, readSavedSearches, removeSavedSearch, saveSearch } from "./saved-searches.ts";

const KEY = "souk.saved-searches";

afterEach(() => localStorage.clear());

describe("saved searches", () => {
  it("saves a search with the newest match as seen, and replaces one with the same browse query", () => {
    saveSearch({ label: "“lamp”", browse: "q=lamp", api: "q=lamp", lastSeenId: "12" });
    saveSearch({ label: "in Fashion", browse: "category=Fashion", api: "category=Fashion", lastSeenId: "3" });
    saveSearch({ label: "“lamp” again", browse: "q=lamp", api: "q=lamp", lastSeenId: "14" });
    const saved = readSavedSearches();
    expect(saved.map((s) => [s.label, s.lastSeenId])).toEqual([
      ["in Fashion", "3"],
      ["“lamp” again", "14"],
    ]);
    expect(new Set(saved.map((s) => s.id)).size).toBe(2);
  });

  it("announces every change with a storage event, so that open pages follow", () => {
    const heard = vi.fn();
    window.addEventListener("storage", heard);
    const saved = saveSearch({ label: "x", browse: "q=x", api: "q=x", lastSeenId: "0" });
    removeSavedSearch(saved.id);
    window.removeEventListener("storage", heard);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(readSavedSearches()).toEqual([]);
  });

  it("keeps the newest searches up to the limit", () => {
    for (let i = 0; i < MAX_SAVED_SEARCHES + 3; i++) saveSearch({ label: `s${i}`, browse: `q=s${i}`, api: `q=s${i}`, lastSeenId: "0" });
    const saved = readSavedSearches();
    expect(saved).toHaveLength(MAX_SAVED_SEARCHES);
    expect(saved[0]!.label).toBe("s3");
    expect(saved.at(-1)!.label).toBe(`s${MAX_SAVED_SEARCHES + 2}`);
  });

  it("marks a search seen up to a newer listing only (ids compared as numbers, not text)", () => {
    const saved = saveSearch({ label: "x", browse: "q=x", api: "q=x", lastSeenId: "9" });
    markSearchSeen(saved.id, "10");
    expect(readSavedSearches()[0]!.lastSeenId).toBe("10");
    markSearchSeen(saved.id, "8");
    expect(readSavedSearches()[0]!.lastSeenId).toBe("10");
  });

  it("ignores what is not a saved search in storage (edited by hand, another version)", () => {
    localStorage.setItem(
      KEY,
      JSON.stringify([
        { id: "a", label: "ok", browse: "q=a", api: "q=a", lastSeenId: "1", savedAt: 1 },
        { id: "b", label: "bad id", browse: "q=b", api: "q=b", lastSeenId: "-1", savedAt: 1 },
        { id: "c", label: 3, browse: "q=c", api: "q=c", lastSeenId: "1", savedAt: 1 },
        "nonsense",
      ]),
    );
    expect(readSavedSearches().map((s) => s.id)).toEqual(["a"]);
    localStorage.setItem(KEY, "{not json");
    expect(readSavedSearches()).toEqual([]);
  });

  it("asks the indexer for the newest matches, whatever sort or page the search was saved with", () => {
    const path = newestMatchesPath({ api: "q=wool+scarf&category=Fashion&sort=price-asc&page=3&pageSize=24" }, 5);
    const url = new URL(path, "http://indexer");
    expect(url.pathname).toBe("/api/listings");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "wool scarf", category: "Fashion", sort: "newest", pageSize: "5" });
  });
});
