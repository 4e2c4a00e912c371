import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { addTags, TagInput } from "./tag-input.tsx";

describe("addTags", () => {
  it("splits on commas, trims, and skips duplicates whatever their case", () => {
    expect(addTags(["lamp"], " brass ,  desk  lamp, LAMP,,")).toEqual({ tags: ["lamp", "brass", "desk lamp"] });
  });

  it("refuses long tags and an 11th tag, keeping what fitted", () => {
    expect(addTags([], "x".repeat(31)).error).toMatch(/longer than 30 characters/);
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}`);
    expect(addTags(ten, "one more")).toEqual({ tags: ten, error: "A listing can have at most 10 tags." });
    expect(addTags(ten.slice(0, 9), "a, b")).toEqual({ tags: [...ten.slice(0, 9), "a"], error: "A listing can have at most 10 tags." });
  });
});

function Harness({ initial = [] as string[] }) {
  const [tags, setTags] = useState(initial);
  return <TagInput tags={tags} onChange={setTags} />;
}

describe("TagInput", () => {
  it("adds with Enter or a comma and removes with the chip's button or Backspace", () => {
    render(<Harness />);
    const input = screen.getByLabelText("Add tags");
    fireEvent.change(input, { target: { value: "ceramics" } });
    fireEvent.keyDown(input, { key: "Enter" });
    fireEvent.change(input, { target: { value: "mug" } });
    fireEvent.keyDown(input, { key: "," });
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["ceramics×", "mug×"]);
    expect((input as HTMLInputElement).value).toBe("");

    fireEvent.click(screen.getByRole("button", { name: "Remove tag ceramics" }));
    expect(screen.queryByText("ceramics")).toBeNull();
    fireEvent.keyDown(input, { key: "Backspace" });
    expect(screen.queryByRole("list", { name: "Tags added" })).toBeNull();
    expect(screen.getByText("Removed mug.")).toBeTruthy();
  });

  it("keeps a refused tag in the box and says why", () => {
    render(<Harness />);
    const input = screen.getByLabelText("Add tags");
    fireEvent.change(input, { target: { value: "x".repeat(35) } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect((input as HTMLInputElement).value).toHaveLength(35);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/longer than 30 characters/)).toBeTruthy();
  });
});
