/**
 * What the seller is typing, exactly as typed: every field is a string until validation turns the whole draft into
 * a metadata document and on-chain terms (validate-draft.ts). Pictures are kept apart (image-items.ts): they are
 * files in memory, not text that can be saved with the draft.
 */
import { ETH } from "@souk/sdk/contracts";
import type { CATEGORIES, CONDITIONS, DELIVERY_METHODS, ListingMetadata } from "@souk/sdk/schemas";

import type { WindowInput } from "./windows.ts";

export type Category = (typeof CATEGORIES)[number];
export type Condition = (typeof CONDITIONS)[number];
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export interface AttributeRow {
  /** Stable key for React while rows are added and removed. */
  id: string;
  name: string;
  value: string;
}

/** The fields that describe the item: they make up the metadata document on IPFS. */
export interface DescriptionDraft {
  title: string;
  description: string;
  category: Category | "";
  condition: Condition | "";
  attributes: AttributeRow[];
  deliveryMethod: DeliveryMethod | "";
  deliveryRegions: string;
  deliveryNotes: string;
  tags: string[];
}

/** The on-chain terms of a new listing. */
export interface TermsDraft {
  /** A payment token address (ETH is the zero address), or "custom" for an address typed in `customToken`. */
  token: string;
  customToken: string;
  price: string;
  stock: string;
  fulfillment: WindowInput;
  confirmation: WindowInput;
  arbiter: string;
  /** Percent, as typed: "1.5". */
  arbiterFee: string;
}

export type ListingDraft = DescriptionDraft & TermsDraft;

export const CONDITION_LABELS: Record<Condition, string> = {
  new: "New",
  "like-new": "Like new",
  good: "Good",
  fair: "Fair",
  "for-parts": "For parts or not working",
};

export const DELIVERY_LABELS: Record<DeliveryMethod, { label: string; help: string }> = {
  shipping: { label: "Shipping", help: "You post it to the buyer." },
  pickup: { label: "Pick-up", help: "The buyer collects it from you." },
  digital: { label: "Digital", help: "A file, a code or an account." },
  service: { label: "Service", help: "Work you do for the buyer." },
};

let rowCounter = 0;
export function newRowId(): string {
  rowCounter += 1;
  return `row-${Date.now().toString(36)}-${rowCounter}`;
}

export function emptyAttribute(): AttributeRow {
  return { id: newRowId(), name: "", value: "" };
}

export function emptyDescription(): DescriptionDraft {
  return {
    title: "",
    description: "",
    category: "",
    condition: "",
    attributes: [emptyAttribute()],
    deliveryMethod: "shipping",
    deliveryRegions: "",
    deliveryNotes: "",
    tags: [],
  };
}

export function emptyDraft(): ListingDraft {
  return {
    ...emptyDescription(),
    token: ETH,
    customToken: "",
    price: "",
    stock: "1",
    fulfillment: { days: "3", hours: "0" },
    confirmation: { days: "7", hours: "0" },
    arbiter: "",
    arbiterFee: "1",
  };
}

/** The description fields of a published listing, for editing. */
export function descriptionFromMetadata(metadata: ListingMetadata): DescriptionDraft {
  return {
    title: metadata.title,
    description: metadata.description,
    category: metadata.category,
    condition: metadata.condition ?? "",
    attributes: metadata.attributes.length === 0 ? [emptyAttribute()] : metadata.attributes.map((a) => ({ id: newRowId(), ...a })),
    deliveryMethod: metadata.delivery?.method ?? "",
    deliveryRegions: metadata.delivery?.regions ?? "",
    deliveryNotes: metadata.delivery?.notes ?? "",
    tags: metadata.tags ?? [],
  };
}
