/**
 * Turns a draft into what is published, or says what to fix, field by field. The description is checked with the
 * SDK's listing schema (the one every reader applies) and the terms with the registry's bounds (limits.ts), so a
 * draft that passes here is one the contracts and every Souk client accept.
 */
import { ETH } from "@souk/sdk/contracts";
import { formatBps, parseAmount } from "@souk/sdk/format";
import { encodeDocument, listingMetadataSchema, type ListingMetadataInput } from "@souk/sdk/schemas";
import { getAddress, isAddress, type Address } from "viem";

import type { DescriptionDraft, TermsDraft } from "./draft.ts";
import { imageRefs, type ImageItem, type SettledImage } from "./image-items.ts";
import { MAX_ARBITER_FEE_BPS, MAX_PRICE, MAX_STOCK } from "./limits.ts";
import { windowError, windowSeconds } from "./windows.ts";

/** Problems by field key ("title", "attributes.<row id>.name", "images.<key>.alt", "price", ...). */
export type FieldErrors = Record<string, string>;

export interface Checked<T> {
  errors: FieldErrors;
  /** Something is still being looked up (a token's decimals): not an error, but not ready either. */
  pending: boolean;
  value: T | undefined;
}

export interface ListingTerms {
  token: Address;
  price: bigint;
  stock: bigint;
  arbiter: Address;
  arbiterFeeBps: bigint;
  fulfillmentWindow: bigint;
  confirmationWindow: bigint;
}

/** What the terms checks need to know about the chosen payment token. */
export interface TokenContext {
  /** Symbol and decimals; undefined while being read. */
  info: { symbol: string; decimals: number } | undefined;
  /** For a custom address: whether a contract lives there (undefined while checking). */
  isContract?: boolean | undefined;
  /** For a custom address: the contract answered neither symbol nor name. */
  notErc20?: boolean;
}

const LABELS: Record<string, string> = {
  title: "The title",
  description: "The description",
  deliveryRegions: "The regions",
  deliveryNotes: "The delivery notes",
};

const sentence = (subject: string, message: string) => `${subject} ${message}.`;

/** The metadata document of a description and its pictures, or the problems with it. */
export function checkDescription(draft: DescriptionDraft, images: readonly ImageItem[]): Checked<ListingMetadataInput> {
  const errors: FieldErrors = {};
  if (images.some((image) => image.kind === "processing")) errors.images = "Wait until every picture is ready.";
  const settled = images.filter((image): image is SettledImage => image.kind !== "processing");

  // Blank attribute rows are ignored; a half-filled one is a mistake worth pointing at.
  const rows = draft.attributes.filter((row) => row.name.trim() !== "" || row.value.trim() !== "");
  for (const row of rows) {
    if (row.name.trim() === "") errors[`attributes.${row.id}.name`] = "Name this detail, or clear the row.";
    if (row.value.trim() === "") errors[`attributes.${row.id}.value`] = "Give a value, or clear the row.";
  }
  if (draft.category === "") errors.category = "Choose a category.";

  const document: ListingMetadataInput = {
    schema: "souk.listing/1",
    title: draft.title,
    description: draft.description,
    category: draft.category as ListingMetadataInput["category"],
    images: imageRefs(settled, draft.title),
    attributes: rows.map((row) => ({ name: row.name, value: row.value })),
    ...(draft.condition === "" ? {} : { condition: draft.condition }),
    ...(draft.deliveryMethod === ""
      ? {}
      : {
          delivery: {
            method: draft.deliveryMethod,
            ...(draft.deliveryRegions.trim() === "" ? {} : { regions: draft.deliveryRegions }),
            ...(draft.deliveryNotes.trim() === "" ? {} : { notes: draft.deliveryNotes }),
          },
        }),
    ...(draft.tags.length === 0 ? {} : { tags: draft.tags }),
  };

  const parsed = listingMetadataSchema.safeParse(document);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index, field] = issue.path.map(String);
      let key: string;
      let message: string;
      if (head === "title" && draft.title.trim() === "") {
        key = "title";
        message = "Give your listing a title.";
      } else if (head === "title" || head === "description") {
        key = head;
        message = sentence(LABELS[head]!, issue.message);
      } else if (head === "category") {
        key = "category";
        message = "Choose a category.";
      } else if (head === "delivery" && (index === "regions" || index === "notes")) {
        key = index === "regions" ? "deliveryRegions" : "deliveryNotes";
        message = sentence(LABELS[key]!, issue.message);
      } else if (head === "attributes" && index !== undefined && field !== undefined) {
        const row = rows[Number(index)];
        key = row === undefined ? "attributes" : `attributes.${row.id}.${field}`;
        message = sentence(field === "name" ? "The name" : "The value", issue.message);
      } else if (head === "attributes") {
        key = "attributes";
        message = "A listing can have at most 20 details.";
      } else if (head === "images" && index !== undefined && field === "alt") {
        const item = settled[Number(index)];
        key = item === undefined ? "images" : `images.${item.key}.alt`;
        message = sentence("The description of this picture", issue.message);
      } else if (head === "images") {
        key = "images";
        message = index === undefined ? "A listing can have at most 8 pictures." : "One of the pictures is not valid.";
      } else if (head === "tags") {
        key = "tags";
        message = index === undefined ? "A listing can have at most 10 tags." : sentence(`The tag "${draft.tags[Number(index)] ?? ""}"`, issue.message);
      } else {
        key = "document";
        message = issue.message;
      }
      errors[key] ??= message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors, pending: false, value: undefined };

  try {
    encodeDocument(listingMetadataSchema, document);
  } catch {
    // The only failure left after the schema passed is the 64 KiB limit of a metadata document.
    return { errors: { description: "The description is too long to store: shorten it or the delivery notes." }, pending: false, value: undefined };
  }
  return { errors, pending: false, value: document };
}

/** The price in base units, or the problem with what was typed. */
export function checkPrice(input: string, token: { symbol: string; decimals: number }): { value?: bigint; error?: string } {
  const typed = input.trim().replace(/,/g, "");
  if (typed === "") return { error: "Enter a price." };
  const value = parseAmount(typed, token.decimals);
  if (value === undefined) {
    if (/^\d+\.\d+$/.test(typed)) {
      return {
        error:
          token.decimals === 0
            ? `${token.symbol} has no decimals: use a whole number.`
            : `${token.symbol} has ${token.decimals} decimals: use at most ${token.decimals} digits after the point.`,
      };
    }
    return { error: "Enter the price as a number, for example 12.50." };
  }
  if (value === 0n) return { error: "The price must be more than zero." };
  if (value > MAX_PRICE) return { error: "This price is too large for the registry." };
  return { value };
}

/** The number of units, or the problem: at least one for a new listing, zero allowed later (sold out). */
export function checkStock(input: string, minimum: 0n | 1n): { value?: bigint; error?: string } {
  const typed = input.trim().replace(/,/g, "");
  if (!/^\d+$/.test(typed)) return { error: "Enter a whole number of units." };
  const value = BigInt(typed);
  if (value < minimum) return { error: "Offer at least 1 unit." };
  if (value > MAX_STOCK) return { error: `At most ${MAX_STOCK.toLocaleString("en-US")} units.` };
  return { value };
}

/** An address typed by a person, checksummed, or the problem with it. */
export function checkAddress(input: string): { value?: Address; error?: string } {
  const typed = input.trim();
  if (typed === "") return { error: "Enter an address." };
  if (!isAddress(typed)) {
    return /^0x[0-9a-fA-F]{40}$/.test(typed)
      ? { error: "This address has a typo: its capital letters do not match its checksum." }
      : { error: "This is not an address: it should be 0x followed by 40 hexadecimal characters." };
  }
  const value = getAddress(typed);
  if (value === ETH) return { error: "The zero address cannot be used." };
  return { value };
}

/** The arbiter fee in basis points from a percentage ("1.5" -> 150n), or the problem. */
export function checkFee(input: string): { value?: bigint; error?: string } {
  const typed = input.trim().replace(/%$/, "").trim();
  const value = parseAmount(typed === "" ? "0" : typed, 2);
  if (value === undefined) return { error: "Enter a percentage from 0 to 10, with at most two decimals." };
  if (value > MAX_ARBITER_FEE_BPS) return { error: `The arbiter fee can be at most ${formatBps(MAX_ARBITER_FEE_BPS)}.` };
  return { value };
}

/** The on-chain terms of a new listing, or the problems with them. */
export function checkTerms(draft: TermsDraft, token: TokenContext, account: Address | undefined): Checked<ListingTerms> {
  const errors: FieldErrors = {};
  let pending = false;

  let tokenAddress: Address | undefined;
  if (draft.token === "custom") {
    const address = checkAddress(draft.customToken);
    if (draft.customToken.trim() === "") errors.customToken = "Enter the token's contract address.";
    else if (address.error !== undefined) errors.customToken = address.error === "The zero address cannot be used." ? "For ether, choose ETH above." : address.error;
    else if (token.isContract === false) errors.customToken = "There is no contract at this address on this network.";
    else if (token.notErc20 === true) errors.customToken = "This contract does not answer like an ERC-20 token (it has no symbol or name).";
    else if (token.isContract === undefined || token.info === undefined) pending = true;
    tokenAddress = address.value;
  } else {
    tokenAddress = draft.token as Address;
    if (token.info === undefined) pending = true;
  }

  let price: bigint | undefined;
  if (token.info !== undefined) {
    const checked = checkPrice(draft.price, token.info);
    if (checked.error !== undefined) errors.price = checked.error;
    price = checked.value;
  } else if (draft.price.trim() === "") {
    errors.price = "Enter a price.";
  }

  const stock = checkStock(draft.stock, 1n);
  if (stock.error !== undefined) errors.stock = stock.error;

  const fulfillmentError = windowError(draft.fulfillment);
  if (fulfillmentError !== undefined) errors.fulfillment = fulfillmentError;
  const confirmationError = windowError(draft.confirmation);
  if (confirmationError !== undefined) errors.confirmation = confirmationError;

  const arbiter = checkAddress(draft.arbiter);
  if (draft.arbiter.trim() === "") errors.arbiter = "Choose an arbiter: a neutral person who settles disputes.";
  else if (arbiter.error !== undefined) errors.arbiter = arbiter.error;
  else if (account !== undefined && arbiter.value!.toLowerCase() === account.toLowerCase()) {
    errors.arbiter = "You cannot be the arbiter of your own listing: choose someone neutral.";
  }

  const fee = checkFee(draft.arbiterFee);
  if (fee.error !== undefined) errors.arbiterFee = fee.error;

  if (Object.keys(errors).length > 0 || pending || tokenAddress === undefined || price === undefined) {
    return { errors, pending, value: undefined };
  }
  return {
    errors,
    pending,
    value: {
      token: tokenAddress,
      price,
      stock: stock.value!,
      arbiter: arbiter.value!,
      arbiterFeeBps: fee.value!,
      fulfillmentWindow: BigInt(windowSeconds(draft.fulfillment)!),
      confirmationWindow: BigInt(windowSeconds(draft.confirmation)!),
    },
  };
}
