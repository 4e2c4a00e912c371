import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { WagmiProvider } from "wagmi";

import { createWagmiConfig } from "../../../app/wagmi.ts";
import { Toaster } from "../../../components/toaster.tsx";
import type { Order } from "../../../lib/orders.ts";
import { ConfirmAction } from "./simple-actions.tsx";

const order: Order = {
  id: (3n << 32n) | 1n,
  listingId: 3n,
  buyer: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  seller: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  token: "0x0000000000000000000000000000000000000000",
  amount: 2_000_000_000_000_000_000n,
  quantity: 1n,
  protocolFeeBps: 100n,
  arbiter: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  arbiterFeeBps: 200n,
  state: "Funded",
  deadline: 1_900_000_000n,
  proposer: undefined,
  proposedBuyerShareBps: 0n,
  responseDeadline: 0n,
  respondentHeard: false,
};

function open(state: Order["state"]) {
  render(
    <WagmiProvider config={createWagmiConfig()}>
      <QueryClientProvider client={new QueryClient()}>
        <Toaster>
          <ConfirmAction order={{ ...order, state }} />
        </Toaster>
      </QueryClientProvider>
    </WagmiProvider>,
  );
  fireEvent.click(screen.getByRole("button", { name: "Confirm receipt (release payment)" }));
  return screen.getByRole("dialog");
}

describe("Confirm receipt", () => {
  it("before the seller has shipped, asks the buyer to make sure: not shipped, pays the seller now, what is given up", () => {
    const dialog = open("Funded");
    expect(dialog.getAttribute("aria-label")).toBe("The seller has not shipped this yet");
    expect(dialog.textContent).toContain("The seller has not marked this order as shipped. Confirming pays the seller now, before anything was sent.");
    expect(dialog.textContent).toContain("The seller gets 1.98 ETH (the 2 ETH you paid, minus the 1% protocol fee of 0.02 ETH) at once, and the order ends.");
    expect(dialog.textContent).toContain("You give up the full refund you could claim if the seller never ships, and the chance to open a dispute.");
    expect(within(dialog).getByRole("button", { name: "I have it: pay the seller now" })).toBeTruthy();
  });

  it("going back closes the dialog and sends nothing", () => {
    const dialog = open("Funded");
    fireEvent.click(within(dialog).getByRole("button", { name: "Go back" }));
    expect(dialog.hasAttribute("open")).toBe(false);
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("once shipped, asks the ordinary question", () => {
    const dialog = open("Fulfilled");
    expect(dialog.getAttribute("aria-label")).toBe("Release the payment?");
    expect(dialog.textContent).not.toContain("has not marked this order as shipped");
    expect(dialog.textContent).toContain("The seller gets 1.98 ETH");
    expect(within(dialog).getByRole("button", { name: "Release payment" })).toBeTruthy();
  });
});
