import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { DEFAULT_PARAMS } from "./filter.ts";
import { listingsPath, useIndexedListings } from "./use-indexed-listings.ts";

const params = (path: string) => Object.fromEntries(new URL(path, "http://x").searchParams);

describe("the indexer's request for the browse page", () => {
  it("asks for in-stock listings, newest first, one page, by default", () => {
    expect(params(listingsPath(DEFAULT_PARAMS, undefined))).toEqual({ inStock: "true", sort: "newest", page: "1", pageSize: "24" });
  });

  it("passes the text, the sort and every filter, with prices in base units", () => {
    const path = listingsPath(
      { ...DEFAULT_PARAMS, q: "  wool scarves ", category: "Fashion", token: "eth", min: "0.5", max: "2", minRating: 4, soldOut: true, sort: "relevance", page: 3 },
      18,
    );
    expect(params(path)).toEqual({
      q: "wool scarves",
      category: "Fashion",
      token: "0x0000000000000000000000000000000000000000",
      minPrice: "500000000000000000",
      maxPrice: "2000000000000000000",
      minRating: "4",
      sort: "relevance",
      page: "3",
      pageSize: "24",
    });
  });

  it("leaves out a price that is not an amount in the token", () => {
    const path = listingsPath({ ...DEFAULT_PARAMS, token: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", min: "1.2345678", sort: "price-asc" }, 6);
    expect(params(path)).toMatchObject({ token: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", sort: "price-asc" });
    expect(params(path).minPrice).toBeUndefined();
  });
});

describe("the browse page's requests to the indexer", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("cancels the request of a search that newer text has replaced", async () => {
    // The network: requests that never answer, and the signal each was given.
    const requests: Array<{ url: string; signal: AbortSignal }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string, init: RequestInit) => {
        requests.push({ url, signal: init.signal! });
        return new Promise<Response>((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error)));
      }),
    );
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
    const { rerender } = renderHook(({ q }) => useIndexedListings("http://indexer", { ...DEFAULT_PARAMS, q }, undefined), {
      wrapper,
      initialProps: { q: "wal" },
    });
    await waitFor(() => expect(requests).toHaveLength(1));
    rerender({ q: "walnut" });
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(new URL(requests[0]!.url).searchParams.get("q")).toBe("wal");
    await waitFor(() => expect(requests[0]!.signal.aborted).toBe(true));
    expect(requests[1]!.signal.aborted).toBe(false);
    client.clear();
  });
});
