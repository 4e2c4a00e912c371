import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { StarInput } from "./star-input.tsx";

function Harness() {
  const [score, setScore] = useState<number | undefined>(undefined);
  return (
    <>
      <StarInput legend="Your rating" value={score} onChange={setScore} />
      <output data-testid="score">{score ?? "none"}</output>
    </>
  );
}

describe("StarInput", () => {
  it("is a labelled radio group of five scores", () => {
    render(<Harness />);
    expect(screen.getByRole("group", { name: "Your rating" })).toBeTruthy();
    expect(screen.getAllByRole("radio")).toHaveLength(5);
    expect(screen.getByRole("radio", { name: "4 stars, Very good" })).toBeTruthy();
    expect(screen.getByText("Choose 1 to 5 stars")).toBeTruthy();
  });

  it("selects a score by clicking its star and says what it means", () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole("radio", { name: "2 stars, Fair" }));
    expect(screen.getByTestId("score").textContent).toBe("2");
    expect((screen.getByRole<HTMLInputElement>("radio", { name: "2 stars, Fair" })).checked).toBe(true);
    expect(screen.getByText("Fair")).toBeTruthy();
  });

  it("shares one radio name, so the arrow keys move between scores natively", () => {
    render(<Harness />);
    const names = new Set(screen.getAllByRole("radio").map((radio) => (radio as HTMLInputElement).name));
    expect(names.size).toBe(1);
  });
});
