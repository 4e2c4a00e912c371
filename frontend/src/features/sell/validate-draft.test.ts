import { ETH } from "@souk/sdk/contracts";
import { describe, expect, it } from "vitest";

import { emptyDraft, type ListingDraft } from "./draft.ts";
import type { ImageItem } from "./image-items.ts";
import { checkAddress, checkDescription, checkFee, checkPrice, checkStock, checkTerms } from "./validate-draft.ts";

const SELLER = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec" as const;
const ARBITER = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const;
const CID = "bafkreifh2co7rsrwijtqdklxmqa3h2al5ugqfew7zawrvf52j2htoqbhxq";
const ETHER = { info: { symbol: "ETH", decimals: 18 } };

function draft(patch: Partial<ListingDraft> = {}): ListingDraft {
  return {
    ...emptyDraft(),
    title: "Brass desk lamp",
    description: "Works fine.",
    category: "Home & Garden",
    price: "0.05",
    arbiter: ARBITER,
    ...patch,
  };
}

const picture = (patch: Partial<Extract<ImageItem, { kind: "published" }>> = {}): ImageItem => ({
  key: "image-1",
  kind: "published",
  name: "Picture 1",
  cid: CID,
  type: "image/webp",
  width: 800,
  height: 600,
  alt: "",
  ...patch,
});

describe("checkDescription", () => {
  it("builds the metadata document, with the title as the default alt text and blank rows dropped", () => {
    const result = checkDescription(
      draft({ attributes: [{ id: "a", name: "Material", value: "Brass" }, { id: "b", name: "", value: " " }], tags: ["lamp"] }),
      [picture()],
    );
    expect(result.errors).toEqual({});
    expect(result.value).toEqual({
      schema: "souk.listing/1",
      title: "Brass desk lamp",
      description: "Works fine.",
      category: "Home & Garden",
      images: [{ cid: CID, type: "image/webp", width: 800, height: 600, alt: "Brass desk lamp" }],
      attributes: [{ name: "Material", value: "Brass" }],
      delivery: { method: "shipping" },
      tags: ["lamp"],
    });
  });

  it("puts schema problems next to the fields they belong to", () => {
    const result = checkDescription(
      draft({
        title: "ab",
        category: "",
        attributes: [{ id: "row-7", name: "Colour", value: "" }],
        deliveryRegions: "line one\nline two",
      }),
      [picture({ alt: "x".repeat(201) })],
    );
    expect(result.value).toBeUndefined();
    expect(result.errors.title).toBe("The title needs at least 3 characters.");
    expect(result.errors.category).toBe("Choose a category.");
    expect(result.errors["attributes.row-7.value"]).toBe("Give a value, or clear the row.");
    expect(result.errors.deliveryRegions).toBe("The regions must be a single line of plain text.");
    expect(result.errors["images.image-1.alt"]).toBe("The description of this picture must be at most 200 characters.");
  });

  it("asks for a title in plain words when there is none", () => {
    expect(checkDescription(draft({ title: "  " }), []).errors.title).toBe("Give your listing a title.");
  });

  it("waits for pictures still being processed", () => {
    const result = checkDescription(draft(), [{ key: "p", kind: "processing", name: "cat.jpg" }]);
    expect(result.errors.images).toBe("Wait until every picture is ready.");
    expect(result.value).toBeUndefined();
  });

  it("leaves out an unspecified delivery method and condition", () => {
    const result = checkDescription(draft({ deliveryMethod: "", condition: "" }), []);
    expect(result.value).not.toHaveProperty("delivery");
    expect(result.value).not.toHaveProperty("condition");
  });
});

describe("checkPrice", () => {
  it("parses in the token's decimals", () => {
    expect(checkPrice("1,234.5", { symbol: "DUSD", decimals: 6 })).toEqual({ value: 1_234_500_000n });
    expect(checkPrice("0.000001", { symbol: "DUSD", decimals: 6 })).toEqual({ value: 1n });
  });

  it("explains too many decimals with the token's own count", () => {
    expect(checkPrice("0.0000001", { symbol: "DUSD", decimals: 6 }).error).toBe("DUSD has 6 decimals: use at most 6 digits after the point.");
    expect(checkPrice("1.5", { symbol: "WHOLE", decimals: 0 }).error).toBe("WHOLE has no decimals: use a whole number.");
  });

  it("refuses zero, nonsense and prices over 2^96 - 1 base units", () => {
    expect(checkPrice("0", { symbol: "ETH", decimals: 18 }).error).toBe("The price must be more than zero.");
    expect(checkPrice("", { symbol: "ETH", decimals: 18 }).error).toBe("Enter a price.");
    expect(checkPrice("12 ETH", { symbol: "ETH", decimals: 18 }).error).toBe("Enter the price as a number, for example 12.50.");
    expect(checkPrice((2n ** 96n - 1n).toString(), { symbol: "X", decimals: 0 }).value).toBe(2n ** 96n - 1n);
    expect(checkPrice((2n ** 96n).toString(), { symbol: "X", decimals: 0 }).error).toBe("This price is too large for the registry.");
  });
});

describe("checkStock, checkFee, checkAddress", () => {
  it("needs at least one unit for a new listing, allows zero later, and caps at 2^32 - 1", () => {
    expect(checkStock("0", 1n).error).toBe("Offer at least 1 unit.");
    expect(checkStock("0", 0n)).toEqual({ value: 0n });
    expect(checkStock("4294967295", 1n)).toEqual({ value: 4_294_967_295n });
    expect(checkStock("4294967296", 1n).error).toBe("At most 4,294,967,295 units.");
    expect(checkStock("1.5", 1n).error).toBe("Enter a whole number of units.");
  });

  it("turns a percentage into basis points, from 0 to 10%", () => {
    expect(checkFee("1.5")).toEqual({ value: 150n });
    expect(checkFee("10%")).toEqual({ value: 1_000n });
    expect(checkFee("")).toEqual({ value: 0n });
    expect(checkFee("10.01").error).toBe("The arbiter fee can be at most 10%.");
    expect(checkFee("1.234").error).toBe("Enter a percentage from 0 to 10, with at most two decimals.");
  });

  it("checksums addresses and spots typos and the zero address", () => {
    expect(checkAddress(ARBITER.toLowerCase())).toEqual({ value: ARBITER });
    expect(checkAddress("0x15D34AAf54267DB7D7c367839AAf71A00a2C6A65").error).toMatch(/checksum/);
    expect(checkAddress("0x1234").error).toMatch(/40 hexadecimal characters/);
    expect(checkAddress(ETH).error).toBe("The zero address cannot be used.");
  });
});

describe("checkTerms", () => {
  it("returns the registry's terms for a valid draft", () => {
    const result = checkTerms(draft({ stock: "3", arbiterFee: "2.5" }), ETHER, SELLER);
    expect(result.errors).toEqual({});
    expect(result.value).toEqual({
      token: ETH,
      price: 50_000_000_000_000_000n,
      stock: 3n,
      arbiter: ARBITER,
      arbiterFeeBps: 250n,
      fulfillmentWindow: 3n * 86_400n,
      confirmationWindow: 7n * 86_400n,
    });
  });

  it("does not let the seller be their own arbiter", () => {
    expect(checkTerms(draft({ arbiter: SELLER }), ETHER, SELLER).errors.arbiter).toMatch(/cannot be the arbiter of your own listing/);
  });

  it("reports windows outside 1 hour .. 90 days", () => {
    const result = checkTerms(draft({ fulfillment: { days: "0", hours: "0" }, confirmation: { days: "91", hours: "0" } }), ETHER, SELLER);
    expect(result.errors.fulfillment).toBe("Choose between 1 hour and 90 days.");
    expect(result.errors.confirmation).toBe("Choose between 1 hour and 90 days.");
  });

  it("waits for a custom token's details, and refuses an address without a contract", () => {
    const custom = draft({ token: "custom", customToken: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" });
    const loading = checkTerms(custom, { info: undefined, isContract: undefined }, SELLER);
    expect(loading.pending).toBe(true);
    expect(loading.value).toBeUndefined();
    expect(checkTerms(custom, { info: undefined, isContract: false }, SELLER).errors.customToken).toBe(
      "There is no contract at this address on this network.",
    );
    const ready = checkTerms(custom, { info: { symbol: "DUSD", decimals: 6 }, isContract: true }, SELLER);
    expect(ready.value?.token).toBe("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");
    expect(ready.value?.price).toBe(50_000n);
  });
});

describe("checkTerms with a contract that is not a token", () => {
  it("refuses it next to the address", () => {
    const custom = draft({ token: "custom", customToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3" });
    const result = checkTerms(custom, { info: { symbol: "???", decimals: 18 }, isContract: true, notErc20: true }, SELLER);
    expect(result.errors.customToken).toMatch(/does not answer like an ERC-20 token/);
    expect(result.value).toBeUndefined();
  });
});
