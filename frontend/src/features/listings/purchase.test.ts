import { escrowAbi } from "@souk/sdk/contracts";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import {
  buyBlocker,
  clampQuantity,
  MAX_ORDER_QUANTITY,
  maxQuantity,
  orderIdFromLogs,
  parseQuantity,
  paymentMethod,
  seenTerms,
  termsChange,
  totalOf,
} from "./purchase.ts";
import { eventLog } from "../../test/event-log.ts";
import { termsText } from "./terms.ts";

const SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const ARBITER = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;
const BUYER = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as Address;
const ESCROW = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
const listing = { closed: false, stock: 5n, seller: SELLER, arbiter: ARBITER };

describe("who can buy", () => {
  it("explains the first reason that stops a purchase", () => {
    expect(buyBlocker({ ...listing, closed: true, stock: 0n }, BUYER, 31337, 31337)).toBe("closed");
    expect(buyBlocker({ ...listing, stock: 0n }, BUYER, 31337, 31337)).toBe("sold-out");
    expect(buyBlocker(listing, undefined, undefined, 31337)).toBe("disconnected");
    expect(buyBlocker(listing, BUYER, 1, 31337)).toBe("wrong-network");
    expect(buyBlocker(listing, SELLER.toLowerCase() as Address, 31337, 31337)).toBe("seller");
    expect(buyBlocker(listing, ARBITER, 31337, 31337)).toBe("arbiter");
    expect(buyBlocker(listing, BUYER, 31337, 31337)).toBeUndefined();
  });
});

describe("quantity and total", () => {
  it("accepts whole numbers from 1 to the stock, capped at the escrow's maximum", () => {
    expect(parseQuantity("3", 5n)).toEqual({ ok: true, value: 3n });
    expect(parseQuantity(" 5 ", 5n)).toEqual({ ok: true, value: 5n });
    expect(parseQuantity("6", 5n)).toEqual({ ok: false, error: "At most 5 are available in one order." });
    expect(parseQuantity("2", 1n)).toEqual({ ok: false, error: "At most 1 is available in one order." });
    expect(parseQuantity("0", 5n).ok).toBe(false);
    expect(parseQuantity("1.5", 5n)).toEqual({ ok: false, error: "Enter a whole number." });
    expect(parseQuantity("-1", 5n).ok).toBe(false);
    expect(parseQuantity("", 5n)).toEqual({ ok: false, error: "Enter how many you want." });
    expect(maxQuantity(4_294_967_295n)).toBe(MAX_ORDER_QUANTITY);
    expect(maxQuantity(7n)).toBe(7n);
  });

  it("keeps the stepper inside the range", () => {
    expect(clampQuantity(0n, 5n)).toBe(1n);
    expect(clampQuantity(9n, 5n)).toBe(5n);
    expect(clampQuantity(3n, 5n)).toBe(3n);
    expect(clampQuantity(3n, 0n)).toBe(1n);
  });

  it("multiplies in base units, so decimals never round", () => {
    expect(totalOf(38_500_000n, 3n)).toBe(115_500_000n);
  });
});

describe("payment", () => {
  it("chooses ETH, a permit or an approval", () => {
    expect(paymentMethod({ address: "0x0000000000000000000000000000000000000000", permit: false })).toBe("eth");
    expect(paymentMethod({ address: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", permit: true })).toBe("permit");
    expect(paymentMethod({ address: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9", permit: false })).toBe("approve");
  });

  it("finds the order id in the escrow's OrderPlaced event", () => {
    const orderId = (3n << 32n) | 2n;
    const log = eventLog(escrowAbi, "OrderPlaced", { orderId, buyer: BUYER, seller: SELLER, listingId: 3n, listingVersion: 1n, quantity: 1n, amount: 1n, protocolFeeBps: 1n, fulfillmentDeadline: 1n }, { address: ESCROW.toLowerCase() as Address });
    expect(orderIdFromLogs([log], ESCROW)).toBe(orderId);
    expect(orderIdFromLogs([{ ...log, address: SELLER }], ESCROW)).toBeUndefined();
    expect(orderIdFromLogs([], ESCROW)).toBeUndefined();
  });
});

describe("listing changes", () => {
  const seen = seenTerms({ id: 1n, version: 2n, price: 100n, metadataDigest: `0x${"ab".repeat(32)}` });

  it("reports nothing while the version is the one seen (stock changes keep it)", () => {
    expect(termsChange(seen, { version: 2n, price: 100n, metadataDigest: seen.metadataDigest })).toBeUndefined();
  });

  it("reports a new price and a new description", () => {
    expect(termsChange(seen, { version: 3n, price: 150n, metadataDigest: seen.metadataDigest })).toEqual({
      previousPrice: 100n,
      price: 150n,
      priceChanged: true,
      descriptionChanged: false,
    });
    expect(termsChange(seen, { version: 3n, price: 100n, metadataDigest: `0x${"cd".repeat(32)}` })).toMatchObject({
      priceChanged: false,
      descriptionChanged: true,
    });
  });
});

describe("terms in plain words", () => {
  it("states the windows, the arbiter's fee and the protocol fee", () => {
    const text = termsText({
      fulfillmentWindow: 3n * 86_400n,
      confirmationWindow: 7n * 86_400n,
      arbiterFeeBps: 200n,
      rulingWindow: 30n * 86_400n,
      protocolFeeBps: 100n,
    });
    expect(text.ship).toBe("The seller has 3 days to ship after you pay.");
    expect(text.confirm).toBe("You have 7 days after delivery to confirm or open a dispute.");
    expect(`${text.disputeBefore} Arbiter ${text.disputeAfter}`).toBe(
      "If you disagree, Arbiter decides within 30 days; their fee of 2% is paid only if they rule.",
    );
    expect(text.protocol).toBe("Souk's protocol fee: 1% of the seller's proceeds (paid by the seller).");
    expect(text.cancel).toBe("If the seller never ships, you can cancel after the deadline and get everything back.");
  });

  it("words free arbitration, no protocol fee and non-shipped goods", () => {
    const text = termsText({
      fulfillmentWindow: 5_400n,
      confirmationWindow: 86_400n,
      arbiterFeeBps: 0n,
      rulingWindow: undefined,
      protocolFeeBps: 0n,
      deliveryMethod: "digital",
    });
    expect(text.ship).toBe("The seller has 1 hour 30 minutes to deliver after you pay.");
    expect(text.disputeAfter).toBe("decides; they charge no fee.");
    expect(text.protocol).toBe("Souk charges no protocol fee on this purchase.");
    expect(text.cancel).toContain("never delivers");
  });
});
