/**
 * The create form's text survives a reload: it is kept in sessionStorage (this tab only, gone when the tab closes)
 * while the seller types, and cleared once the listing is published. Pictures are not kept: they are files, and a
 * tab's storage is small. What comes back is parsed like any other input before it fills the form.
 */
import { CATEGORIES, CONDITIONS, DELIVERY_METHODS } from "@souk/sdk/schemas";
import { z } from "zod";

import { emptyDraft, newRowId, type ListingDraft } from "./draft.ts";

export const DRAFT_KEY = "souk:sell:draft";

const text = (max: number) => z.string().max(max);
const windowInput = z.object({ days: text(6), hours: text(6) });

const storedDraft = z.object({
  version: z.literal(1),
  draft: z.object({
    title: text(1_000),
    description: text(40_000),
    category: z.enum(CATEGORIES).or(z.literal("")),
    condition: z.enum(CONDITIONS).or(z.literal("")),
    attributes: z.array(z.object({ name: text(1_000), value: text(1_000) })).max(40),
    deliveryMethod: z.enum(DELIVERY_METHODS).or(z.literal("")),
    deliveryRegions: text(1_000),
    deliveryNotes: text(4_000),
    tags: z.array(text(100)).max(20),
    token: text(64),
    customToken: text(100),
    price: text(100),
    stock: text(40),
    fulfillment: windowInput,
    confirmation: windowInput,
    arbiter: text(100),
    arbiterFee: text(20),
  }),
});

/** The saved draft, or undefined when there is none (or it cannot be read back). */
export function loadDraft(storage: Storage | undefined): ListingDraft | undefined {
  if (storage === undefined) return undefined;
  let raw: string | null;
  try {
    raw = storage.getItem(DRAFT_KEY);
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = storedDraft.safeParse(json);
  if (!parsed.success) return undefined;
  const { attributes, ...rest } = parsed.data.draft;
  return {
    ...emptyDraft(),
    ...rest,
    attributes: attributes.length === 0 ? emptyDraft().attributes : attributes.map((a) => ({ id: newRowId(), ...a })),
  };
}

export function saveDraft(storage: Storage | undefined, draft: ListingDraft): void {
  if (storage === undefined) return;
  const { attributes, ...rest } = draft;
  const value = { version: 1, draft: { ...rest, attributes: attributes.map(({ name, value }) => ({ name, value })) } };
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the form keeps working, only the reload safety net is gone.
  }
}

export function clearDraft(storage: Storage | undefined): void {
  try {
    storage?.removeItem(DRAFT_KEY);
  } catch {
    // nothing to clear
  }
}

/** Whether a draft holds anything the seller typed (an untouched form is not worth restoring or mentioning). */
export function isBlank(draft: ListingDraft): boolean {
  const empty = emptyDraft();
  const { attributes, ...rest } = draft;
  const { attributes: _, ...emptyRest } = empty;
  return (
    attributes.every((a) => a.name.trim() === "" && a.value.trim() === "") &&
    JSON.stringify(rest) === JSON.stringify(emptyRest)
  );
}

/** sessionStorage when the browser allows it. */
export function sessionStore(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}
