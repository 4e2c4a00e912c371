import type { DecodedError } from "@souk/sdk/errors";
import { CONTROL, replySchema } from "@souk/sdk/schemas";
import type { Hex } from "viem";

import type { TransactionResult } from "../../lib/transaction.ts";

export const MAX_REPLY_CHARS = 4_000;

/** Why a reply cannot be published as typed, in words; undefined when it can. */
export function validateReply(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "Write your reply first.";
  if (trimmed.length > MAX_REPLY_CHARS) {
    return `Keep your reply to ${MAX_REPLY_CHARS.toLocaleString("en-US")} characters (it has ${trimmed.length.toLocaleString("en-US")}).`;
  }
  if (CONTROL.test(trimmed)) return "Remove the invisible control or text-direction characters (often pasted by accident).";
  return replySchema.safeParse({ schema: "souk.reply/1", text }).success ? undefined : "This reply cannot be published as it is.";
}

export type ReplyOutcome =
  | { ok: true }
  | { ok: false; stage: "validate" | "upload" | "transaction"; kind: "rejected" | "error"; message: string };

export interface ReplySteps {
  /** Stores the reply document on IPFS and returns its digest. */
  upload(text: string): Promise<Hex>;
  /** Records the digest on chain (reputation.reply) through the transactor. */
  send(digest: Hex): Promise<TransactionResult>;
  /** Digests already uploaded, by text: retrying after a rejected wallet prompt does not upload again. */
  uploaded: Map<string, Hex>;
  /** Told when each step starts, so the form can say what is happening. */
  progress?(stage: "upload" | "transaction"): void;
}

/** Validate, upload (once per text), then publish on chain. Never throws; the outcome says what happened in words. */
export async function publishReply(steps: ReplySteps, text: string): Promise<ReplyOutcome> {
  const problem = validateReply(text);
  if (problem !== undefined) return { ok: false, stage: "validate", kind: "error", message: problem };
  const key = text.trim();
  let digest = steps.uploaded.get(key);
  if (digest === undefined) {
    steps.progress?.("upload");
    try {
      digest = await steps.upload(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, stage: "upload", kind: "error", message: `Your reply could not be saved to IPFS. ${message}` };
    }
    steps.uploaded.set(key, digest);
  }
  steps.progress?.("transaction");
  const result = await steps.send(digest);
  if (result.ok) return { ok: true };
  return { ok: false, stage: "transaction", ...fromDecoded(result.error) };
}

function fromDecoded(error: DecodedError): { kind: "rejected" | "error"; message: string } {
  return error.kind === "rejected"
    ? { kind: "rejected", message: "You cancelled in your wallet. Your reply is still here: publish it whenever you are ready." }
    : { kind: "error", message: error.message };
}
