import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { WagmiProvider } from "wagmi";

import { createWagmiConfig } from "../../app/wagmi.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { ListingCard } from "./listing-card.tsx";
import { entryFromDocument, type MetaEntry } from "./metadata-entry.ts";

// Nothing here reaches the network: ETH is a known token, and photos are held back.
const config = createWagmiConfig();

function wrap(children: ReactNode) {
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>{children}</MemoryRouter>
      </QueryClientProvider>
    </WagmiProvider>
  );
}

const listing: ListingState = {
  id: 7n,
  seller: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  token: "0x0000000000000000000000000000000000000000",
  price: 50_000_000_000_000_000n,
  stock: 2n,
  version: 1n,
  closed: false,
  arbiter: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  arbiterFeeBps: 200n,
  fulfillmentWindow: 259_200n,
  confirmationWindow: 604_800n,
  metadataDigest: `0x${"11".repeat(32)}`,
  createdBlock: 1n,
  orderCount: 0,
  unitsSold: 0n,
};

const ready = (title: string): MetaEntry =>
  entryFromDocument({
    ok: true,
    value: { schema: "souk.listing/1", title, description: "Text", category: "Home & Garden", images: [], attributes: [] },
  });

function renderCard(entry: MetaEntry | undefined, overrides: Partial<ListingState> = {}) {
  return render(
    wrap(<ListingCard listing={{ ...listing, ...overrides }} entry={entry} ratingAverage={4.5} ratingCount={12} showImage={false} />),
  );
}

describe("ListingCard", () => {
  it("shows a verified listing: title as text, price in its token, stock, rating and category", () => {
    const { container } = renderCard(ready('<script>alert("x")</script> Mug <img src=x onerror=alert(1)>'));
    const link = screen.getByRole("link", { name: '<script>alert("x")</script> Mug <img src=x onerror=alert(1)>' });
    expect(link.getAttribute("href")).toBe("/listing/7");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText("0.05 ETH")).toBeTruthy();
    expect(screen.getByText("Only 2 left")).toBeTruthy();
    expect(screen.getByText("Home & Garden")).toBeTruthy();
    expect(screen.getByText("4.5")).toBeTruthy();
    expect(screen.getByText("No photo")).toBeTruthy();
  });

  it("says so when the description could not be verified, and shows none of it", () => {
    renderCard({ status: "unverified", error: "The gateway returned different bytes." });
    expect(screen.getByRole("link", { name: "Listing #7: details could not be verified" })).toBeTruthy();
    expect(screen.getByText("Could not be verified")).toBeTruthy();
    // The on-chain price is still shown: it does not come from the document.
    expect(screen.getByText("0.05 ETH")).toBeTruthy();
  });

  it("shows a neutral card for a description that is not valid", () => {
    renderCard({ status: "invalid", error: "title: is required" });
    expect(screen.getByText("Description unavailable")).toBeTruthy();
    expect(screen.getByText(/Open the listing for the reason/)).toBeTruthy();
    expect(screen.queryByText("title: is required")).toBeNull();
  });

  it("is a named link while its description loads", () => {
    renderCard(undefined);
    expect(screen.getByRole("link", { name: "Listing 7 (loading its description)" })).toBeTruthy();
  });

  it("marks sold-out listings", () => {
    const { container } = renderCard(ready("Lamp"), { stock: 0n });
    expect(within(container).getAllByText("Sold out").length).toBeGreaterThan(0);
  });
});
