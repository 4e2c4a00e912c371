import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { ReviewEntry } from "../../hooks/use-reviews.ts";
import { RoleReputation } from "./role-reputation.tsx";

const entry = (score: number, role: "Seller" | "Buyer") => ({ score, role }) as ReviewEntry;

describe("RoleReputation", () => {
  it("shows the average with one decimal, the counts and the score distribution", () => {
    const reviews = [entry(5, "Seller"), entry(5, "Seller"), entry(4, "Seller"), entry(1, "Buyer")];
    render(<RoleReputation role="Seller" stats={{ ratings: 3, average: 4.7, completed: 5 }} reviews={reviews} />);
    expect(screen.getByText("4.7")).toBeTruthy();
    expect(screen.getByText("3 ratings · 5 completed sales")).toBeTruthy();
    const chart = screen.getByRole("list", { name: "Scores received as a seller" });
    const items = within(chart).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector(".sr-only")?.textContent)).toEqual([
      "5 stars: 2 ratings (67%)",
      "4 stars: 1 rating (33%)",
      "3 stars: 0 ratings (0%)",
      "2 stars: 0 ratings (0%)",
      "1 star: 0 ratings (0%)",
    ]);
    expect(screen.getByTestId("bar-5").style.width).toBe("67%");
  });

  it("says there are no ratings yet, with the completed orders", () => {
    render(<RoleReputation role="Buyer" stats={{ ratings: 0, average: undefined, completed: 1 }} reviews={[]} />);
    expect(screen.getByText("No ratings yet")).toBeTruthy();
    expect(screen.getByText(/1 completed purchase so far/)).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
  });
});
