/**
 * A listing's terms in plain words. The numbers come from the chain (the listing's windows and arbiter fee, the
 * escrow's ruling window and protocol fee), never from the seller's description.
 */
import { formatBps, formatDuration } from "@souk/sdk/format";

export interface TermsInput {
  fulfillmentWindow: bigint;
  confirmationWindow: bigint;
  arbiterFeeBps: bigint;
  /** The escrow's RULING_WINDOW, when read. */
  rulingWindow: bigint | undefined;
  /** The escrow's protocol fee now (an order keeps the fee in force when it is placed), when read. */
  protocolFeeBps: bigint | undefined;
  /** How the seller delivers, from the description (changes one verb). */
  deliveryMethod?: "shipping" | "pickup" | "digital" | "service";
}

export interface TermsText {
  ship: string;
  confirm: string;
  /** Around the arbiter's name: `${disputeBefore} <arbiter> ${disputeAfter}`. */
  disputeBefore: string;
  disputeAfter: string;
  protocol: string | undefined;
  cancel: string;
}

const VERB: Record<NonNullable<TermsInput["deliveryMethod"]>, string> = {
  shipping: "ship",
  pickup: "hand it over",
  digital: "deliver",
  service: "deliver",
};

export function termsText(input: TermsInput): TermsText {
  const verb = VERB[input.deliveryMethod ?? "shipping"];
  const fee = input.arbiterFeeBps === 0n ? "they charge no fee" : `their fee of ${formatBps(input.arbiterFeeBps)} is paid only if they rule`;
  const within = input.rulingWindow === undefined ? "" : ` within ${formatDuration(input.rulingWindow)}`;
  return {
    ship: `The seller has ${formatDuration(input.fulfillmentWindow)} to ${verb} after you pay.`,
    confirm: `You have ${formatDuration(input.confirmationWindow)} after delivery to confirm or open a dispute.`,
    disputeBefore: "If you disagree,",
    disputeAfter: `decides${within}; ${fee}.`,
    protocol:
      input.protocolFeeBps === undefined
        ? undefined
        : input.protocolFeeBps === 0n
          ? "Souk charges no protocol fee on this purchase."
          : `Souk's protocol fee: ${formatBps(input.protocolFeeBps)} of the seller's proceeds (paid by the seller).`,
    cancel: `If the seller never ${input.deliveryMethod === undefined || input.deliveryMethod === "shipping" ? "ships" : "delivers"}, you can cancel after the deadline and get everything back.`,
  };
}
