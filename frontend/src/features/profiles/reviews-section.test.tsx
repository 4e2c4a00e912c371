import type { UseQueryResult } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import type { Ref } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ReviewEntry } from "../../hooks/use-reviews.ts";

// The section's own logic (filter in the URL, pages, focus, states) is under test; each card is stood in for.
vi.mock("./review-card.tsx", () => ({
  ReviewCard: ({ review, reply, ref }: { review: ReviewEntry; reply?: unknown; ref?: Ref<HTMLElement> }) => (
    <article ref={ref} tabIndex={-1} data-testid="review" data-can-reply={reply !== undefined}>
      {review.role} {review.orderId.toString()}
    </article>
  ),
}));
vi.mock("./use-reply.ts", () => ({ useReplyPublisher: () => vi.fn() }));
const account = { isConnected: false, chainId: undefined as number | undefined };
vi.mock("wagmi", () => ({ useAccount: () => account }));

const { ReviewsSection } = await import("./reviews-section.tsx");

const RATER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const reviews = (count: number, role: "Seller" | "Buyer" = "Seller", from = 1): ReviewEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    orderId: BigInt(from + i),
    rater: RATER,
    ratee: RATER,
    role,
    score: 5,
    reviewDigest: `0x${"00".repeat(32)}`,
    reply: undefined,
    blockNumber: BigInt(1000 - from - i),
  }));

const query = (data: ReviewEntry[] | undefined, isError = false) =>
  ({ data, isError, refetch: vi.fn() }) as unknown as UseQueryResult<ReviewEntry[]>;

function show(result: UseQueryResult<ReviewEntry[]>, { path = "/profile/x", isOwner = false } = {}) {
  const router = createMemoryRouter([{ path: "/profile/:address", element: <ReviewsSection reviews={result} isOwner={isOwner} /> }], {
    initialEntries: [path],
  });
  render(<RouterProvider router={router} />);
  return router;
}

beforeEach(() => {
  account.isConnected = false;
  account.chainId = undefined;
});

describe("ReviewsSection", () => {
  it("shows ten at a time and moves focus to the first newly shown review", async () => {
    show(query(reviews(23)));
    expect(screen.getAllByTestId("review")).toHaveLength(10);
    expect(screen.getByText("Showing 10 of 23 reviews")).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Show 10 more" })));
    const cards = screen.getAllByTestId("review");
    expect(cards).toHaveLength(20);
    expect(document.activeElement).toBe(cards[10]);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Show 3 more" })));
    expect(screen.getAllByTestId("review")).toHaveLength(23);
    expect(screen.queryByRole("button", { name: /Show \d+ more/ })).toBeNull();
  });

  it("filters by role through the URL, with counts on the buttons", async () => {
    const router = show(query([...reviews(3, "Seller"), ...reviews(2, "Buyer", 10)]));
    const buyer = screen.getByRole("button", { name: /As buyer/ });
    expect(buyer.textContent).toBe("As buyer2");
    await act(async () => fireEvent.click(buyer));
    expect(router.state.location.search).toBe("?reviews=buyer");
    expect(buyer.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getAllByTestId("review").map((a) => a.textContent)).toEqual(["Buyer 10", "Buyer 11"]);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: /^All/ })));
    expect(router.state.location.search).toBe("");
    expect(screen.getAllByTestId("review")).toHaveLength(5);
  });

  it("reads the filter from the URL and offers to show all when a role has none", async () => {
    show(query(reviews(2, "Seller")), { path: "/profile/x?reviews=buyer" });
    expect(screen.getByRole("heading", { name: "No reviews as a buyer yet" })).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Show all reviews" })));
    expect(screen.getAllByTestId("review")).toHaveLength(2);
  });

  it("says when there are no reviews at all", () => {
    show(query([]));
    expect(screen.getByRole("heading", { name: "No reviews yet" })).toBeTruthy();
  });

  it("announces loading", () => {
    show(query(undefined));
    expect(screen.getByRole("status", { name: "Loading reviews" })).toBeTruthy();
  });

  it("explains a failure and retries", () => {
    const failed = query(undefined, true);
    show(failed);
    expect(screen.getByRole("alert").textContent).toMatch(/Reviews could not be loaded/);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(failed.refetch).toHaveBeenCalled();
  });

  it("offers replies only on the owner's own profile", () => {
    account.isConnected = true;
    account.chainId = 31337;
    show(query(reviews(1)), { isOwner: true });
    expect(screen.getByTestId("review").getAttribute("data-can-reply")).toBe("true");
    expect(screen.getByText(/you can publicly answer each review you received, once/)).toBeTruthy();
  });

  it("does not offer replies to visitors", () => {
    show(query(reviews(1)));
    expect(screen.getByTestId("review").getAttribute("data-can-reply")).toBe("false");
  });
});
