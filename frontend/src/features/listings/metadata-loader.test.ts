import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { entryFromFailure, type MetaEntry } from "./metadata-entry.ts";
import { MetadataLoader } from "./metadata-loader.ts";

const ready = (title: string): MetaEntry => ({
  status: "ready",
  value: { schema: "souk.listing/1", title, description: "", category: "Other", images: [], attributes: [] },
  search: title.toLowerCase(),
});

/** A load function whose calls the test resolves by hand. */
function controlledLoad() {
  const calls: string[] = [];
  const pending = new Map<string, (entry: MetaEntry) => void>();
  const load = vi.fn((cid: string) => {
    calls.push(cid);
    return new Promise<MetaEntry>((resolve) => pending.set(cid, resolve));
  });
  const settle = async (cid: string, entry: MetaEntry) => {
    pending.get(cid)!(entry);
    pending.delete(cid);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { load, calls, pending, settle };
}

const cids = (n: number) => Array.from({ length: n }, (_, i) => `cid-${i}`);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("MetadataLoader", () => {
  it("fetches at most `concurrency` documents at once, in the order asked", async () => {
    const { load, calls, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 3 });
    loader.request(cids(10));
    expect(calls).toEqual(["cid-0", "cid-1", "cid-2"]);
    await settle("cid-1", ready("one"));
    expect(calls).toEqual(["cid-0", "cid-1", "cid-2", "cid-3"]);
    expect(loader.getSnapshot().outstanding).toBe(10);
  });

  it("re-prioritises the queue on each request without refetching", async () => {
    const { load, calls, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 2 });
    loader.request(cids(6));
    await settle("cid-0", ready("zero"));
    // The person paged ahead: cid-5 is now on screen.
    loader.request(["cid-5", ...cids(6)]);
    await settle("cid-1", ready("one"));
    expect(calls).toEqual(["cid-0", "cid-1", "cid-2", "cid-5"]);
    await settle("cid-2", ready("two"));
    await settle("cid-5", ready("five"));
    expect(calls).toEqual(["cid-0", "cid-1", "cid-2", "cid-5", "cid-3", "cid-4"]);
    expect(load).toHaveBeenCalledTimes(6);
  });

  it("batches notifications instead of one per document", async () => {
    const { load, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 10, flushMs: 100 });
    const listener = vi.fn();
    loader.subscribe(listener);
    loader.request(cids(5));
    listener.mockClear();
    vi.advanceTimersByTime(150);
    // The first arrival after a quiet period shows at once...
    await settle("cid-0", ready("cid-0"));
    await settle("cid-1", ready("cid-1"));
    vi.advanceTimersByTime(0);
    expect(listener).toHaveBeenCalledTimes(1);
    // ...later ones wait for the next flush, however many arrive.
    for (const cid of cids(5).slice(2)) await settle(cid, ready(cid));
    vi.advanceTimersByTime(99);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(loader.getSnapshot()).toMatchObject({ outstanding: 0, paused: false });
    expect(loader.get("cid-4")).toEqual(ready("cid-4"));
  });

  it("uses cached documents at once without fetching them", () => {
    const { load } = controlledLoad();
    const loader = new MetadataLoader({ load, peek: (cid) => (cid === "cid-0" ? ready("cached") : undefined) });
    const listener = vi.fn();
    loader.subscribe(listener);
    loader.request(cids(2));
    expect(load).not.toHaveBeenCalledWith("cid-0");
    expect(loader.get("cid-0")).toEqual(ready("cached"));
    expect(listener).toHaveBeenCalled();
  });

  it("pauses when the gateway keeps failing, and resumes on retry", async () => {
    const { load, calls, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 2, breakAfter: 3 });
    loader.request(cids(8));
    const down = entryFromFailure("unreachable", "The IPFS gateway could not be reached.");
    await settle("cid-0", down);
    await settle("cid-1", down);
    await settle("cid-2", down);
    vi.advanceTimersByTime(200);
    expect(loader.getSnapshot().paused).toBe(true);
    const before = calls.length;
    await settle("cid-3", down);
    expect(calls.length).toBe(before);

    loader.retry();
    expect(loader.getSnapshot().paused).toBe(false);
    expect(calls.slice(before)).toEqual(["cid-0", "cid-1"]);
  });

  it("tries a document that did not arrive again by itself, later each time, until it arrives", async () => {
    const { load, calls, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 1, resumeAfterMs: 10_000 });
    loader.request(["cid-0"]);
    const down = entryFromFailure("unreachable", "The IPFS gateway could not be reached.");
    await settle("cid-0", down);
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual(["cid-0", "cid-0"]);
    await settle("cid-0", down);
    vi.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(3);
    await settle("cid-0", ready("Arrived"));
    vi.advanceTimersByTime(60_000);
    expect(calls).toHaveLength(3);
    expect(loader.get("cid-0")).toEqual(ready("Arrived"));
  });

  it("tries again by itself after a pause, and fills in once the gateway answers", async () => {
    const { load, calls, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 2, breakAfter: 2, resumeAfterMs: 10_000 });
    loader.request(cids(3));
    const down = entryFromFailure("unreachable", "The IPFS gateway could not be reached.");
    await settle("cid-0", down);
    await settle("cid-1", down);
    vi.advanceTimersByTime(200);
    expect(loader.getSnapshot().paused).toBe(true);
    const before = calls.length;
    vi.advanceTimersByTime(9_000);
    expect(calls.length).toBe(before);
    vi.advanceTimersByTime(1_000);
    expect(loader.getSnapshot().paused).toBe(false);
    expect(calls.slice(before)).toEqual(["cid-0"]);
    await settle("cid-0", ready("Back"));
    vi.advanceTimersByTime(200);
    expect(loader.get("cid-0")).toEqual(ready("Back"));
  });

  it("keeps verification failures on retry: the same bytes would fail again", async () => {
    const { load, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 1 });
    loader.request(["bad"]);
    await settle("bad", entryFromFailure("unverified", "different bytes"));
    loader.retry();
    expect(load).toHaveBeenCalledTimes(1);
    expect(loader.get("bad")?.status).toBe("unverified");
  });

  it("treats a rejected load as unreachable", async () => {
    const loader = new MetadataLoader({ load: () => Promise.reject(new Error("boom")), concurrency: 1 });
    loader.request(["x"]);
    // Not every timer: a document that did not arrive is tried again later, for as long as the page is open.
    await vi.advanceTimersByTimeAsync(200);
    expect(loader.get("x")).toEqual({ status: "unreachable", error: "boom" });
  });

  it("classifies failures like use-document", () => {
    expect(entryFromFailure("unverified", "m").status).toBe("unverified");
    expect(entryFromFailure("not-found", "m").status).toBe("missing");
    expect(entryFromFailure("too-large", "m").status).toBe("too-large");
    expect(entryFromFailure(undefined, "m").status).toBe("unreachable");
  });
});

describe("MetadataLoader on screen", () => {
  it("tells the page at once when the last document on screen arrives", async () => {
    vi.useFakeTimers();
    const { load, settle } = controlledLoad();
    const loader = new MetadataLoader({ load, concurrency: 5, flushMs: 100 });
    const listener = vi.fn();
    loader.subscribe(listener);
    loader.request(cids(5), 2);
    vi.advanceTimersByTime(500);
    await settle("cid-4", ready("off screen"));
    vi.advanceTimersByTime(0);
    listener.mockClear();
    await settle("cid-0", ready("zero"));
    await settle("cid-1", ready("one"));
    // No timer needed: both on-screen documents are in.
    expect(listener).toHaveBeenCalledTimes(1);
    expect(loader.get("cid-1")).toEqual(ready("one"));
  });
});
