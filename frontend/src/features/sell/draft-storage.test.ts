import { beforeEach, describe, expect, it } from "vitest";

import { emptyDraft } from "./draft.ts";
import { clearDraft, DRAFT_KEY, isBlank, loadDraft, saveDraft } from "./draft-storage.ts";

describe("the create form's draft in sessionStorage", () => {
  beforeEach(() => sessionStorage.clear());

  it("round-trips every text field (rows get fresh keys)", () => {
    const draft = {
      ...emptyDraft(),
      title: "Brass lamp",
      description: "Line one\nLine two",
      category: "Home & Garden" as const,
      attributes: [{ id: "row-1", name: "Material", value: "Brass" }],
      tags: ["lamp", "brass"],
      price: "0.05",
      token: "custom",
      customToken: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
      fulfillment: { days: "2", hours: "6" },
    };
    saveDraft(sessionStorage, draft);
    const loaded = loadDraft(sessionStorage)!;
    expect({ ...loaded, attributes: loaded.attributes.map(({ name, value }) => ({ name, value })) }).toEqual({
      ...draft,
      attributes: [{ name: "Material", value: "Brass" }],
    });
    expect(loaded.attributes[0]!.id).not.toBe("");
  });

  it("ignores storage that is missing, not JSON, or not a draft", () => {
    expect(loadDraft(sessionStorage)).toBeUndefined();
    sessionStorage.setItem(DRAFT_KEY, "{not json");
    expect(loadDraft(sessionStorage)).toBeUndefined();
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ version: 1, draft: { title: 42 } }));
    expect(loadDraft(sessionStorage)).toBeUndefined();
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ version: 1, draft: { ...emptyDraft(), category: "<script>" } }));
    expect(loadDraft(sessionStorage)).toBeUndefined();
    expect(loadDraft(undefined)).toBeUndefined();
  });

  it("clears after publishing", () => {
    saveDraft(sessionStorage, { ...emptyDraft(), title: "x" });
    clearDraft(sessionStorage);
    expect(sessionStorage.getItem(DRAFT_KEY)).toBeNull();
  });

  it("keeps working when storage refuses to write", () => {
    const full = { setItem: () => { throw new Error("QuotaExceededError"); } } as unknown as Storage;
    expect(() => saveDraft(full, emptyDraft())).not.toThrow();
  });

  it("tells an untouched form from one with something typed", () => {
    expect(isBlank(emptyDraft())).toBe(true);
    expect(isBlank({ ...emptyDraft(), title: "a" })).toBe(false);
    expect(isBlank({ ...emptyDraft(), attributes: [{ id: "x", name: "Size", value: "" }] })).toBe(false);
  });
});
