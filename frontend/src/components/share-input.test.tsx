import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { ShareInput } from "./share-input.tsx";

function Harness({ initial = 5_000n }: { initial?: bigint }) {
  const [bps, setBps] = useState<bigint | undefined>(initial);
  return (
    <>
      <ShareInput value={bps} onChange={setBps} />
      <output data-testid="bps">{bps === undefined ? "invalid" : bps.toString()}</output>
    </>
  );
}

const number = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Buyer's share in percent" });
const slider = () => screen.getByRole<HTMLInputElement>("slider");

describe("ShareInput", () => {
  it("reports exact basis points for a typed share and moves the slider", () => {
    render(<Harness />);
    fireEvent.change(number(), { target: { value: "37.25" } });
    expect(screen.getByTestId("bps").textContent).toBe("3725");
    expect(slider().getAttribute("aria-valuetext")).toBe("Buyer 37.25%, seller 62.75%");
  });

  it("reports undefined and explains while the text is not a valid share, keeping what was typed", () => {
    render(<Harness />);
    fireEvent.change(number(), { target: { value: "120" } });
    expect(screen.getByTestId("bps").textContent).toBe("invalid");
    expect(number().value).toBe("120");
    expect(number().getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/cannot be more than 100/)).toBeTruthy();
  });

  it("sets whole percentages from the slider and the presets", () => {
    render(<Harness />);
    fireEvent.change(slider(), { target: { value: "70" } });
    expect(screen.getByTestId("bps").textContent).toBe("7000");
    expect(number().value).toBe("70");
    fireEvent.click(screen.getByRole("button", { name: "Full refund" }));
    expect(screen.getByTestId("bps").textContent).toBe("10000");
    expect(screen.getByRole("button", { name: "Full refund" }).getAttribute("aria-pressed")).toBe("true");
  });
});
