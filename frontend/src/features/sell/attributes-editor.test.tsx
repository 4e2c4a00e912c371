import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { AttributesEditor } from "./attributes-editor.tsx";
import type { AttributeRow } from "./draft.ts";

function Harness({ errors = {} as Record<string, string> }) {
  const [rows, setRows] = useState<AttributeRow[]>([
    { id: "r1", name: "Material", value: "Brass" },
    { id: "r2", name: "Height", value: "" },
  ]);
  return <AttributesEditor rows={rows} onChange={setRows} errorOf={(key) => errors[key]} />;
}

describe("AttributesEditor", () => {
  it("labels every box, adds a row and moves focus into it", () => {
    render(<Harness />);
    expect((screen.getByLabelText<HTMLInputElement>("Detail 1: name")).value).toBe("Material");
    fireEvent.click(screen.getByRole("button", { name: "Add a detail" }));
    expect(document.activeElement).toBe(screen.getByLabelText("Detail 3: name"));
  });

  it("removes a row and keeps focus in the list", () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole("button", { name: "Remove detail 1 (Material)" }));
    expect(screen.queryByDisplayValue("Material")).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText("Detail 1: name"));
    fireEvent.click(screen.getByRole("button", { name: "Remove detail 1 (Height)" }));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add a detail" }));
  });

  it("shows a row's error next to its box and marks the box invalid", () => {
    render(<Harness errors={{ "attributes.r2.value": "Give a value, or clear the row." }} />);
    const value = screen.getByLabelText("Detail 2: value");
    expect(value.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(value.getAttribute("aria-describedby")!)?.textContent).toBe("Give a value, or clear the row.");
  });
});
