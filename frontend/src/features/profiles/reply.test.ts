import type { Hex, TransactionReceipt } from "viem";
import { describe, expect, it, vi } from "vitest";

import type { TransactionResult } from "../../lib/transaction.ts";
import { MAX_REPLY_CHARS, publishReply, validateReply, type ReplySteps } from "./reply.ts";

const DIGEST: Hex = `0x${"12".repeat(32)}`;
const SENT: TransactionResult = { ok: true, hash: `0x${"ab".repeat(32)}`, receipt: {} as TransactionReceipt };

function steps(overrides: Partial<ReplySteps> = {}) {
  const mocks = {
    uploaded: new Map<string, Hex>(),
    upload: vi.fn<ReplySteps["upload"]>(async () => DIGEST),
    send: vi.fn<ReplySteps["send"]>(async () => SENT),
    progress: vi.fn<NonNullable<ReplySteps["progress"]>>(),
  };
  return { ...mocks, ...overrides, mocks };
}

describe("validateReply", () => {
  it("needs some text", () => {
    expect(validateReply("")).toBe("Write your reply first.");
    expect(validateReply("   \n ")).toBe("Write your reply first.");
  });

  it("limits the length and says by how much", () => {
    expect(validateReply("x".repeat(MAX_REPLY_CHARS))).toBeUndefined();
    expect(validateReply("x".repeat(MAX_REPLY_CHARS + 1))).toMatch(/4,000 characters \(it has 4,001\)/);
  });

  it("refuses control and text-direction characters", () => {
    expect(validateReply("Thanks \u202E!")).toMatch(/invisible control/);
    expect(validateReply("Thanks\u0007")).toMatch(/invisible control/);
  });

  it("accepts line breaks and markup-looking text (it is shown as text)", () => {
    expect(validateReply("Thank you!\nSee you soon <3 <b>")).toBeUndefined();
  });
});

describe("publishReply", () => {
  it("uploads, then sends the digest, reporting each step", async () => {
    const s = steps();
    await expect(publishReply(s, "Thank you!")).resolves.toEqual({ ok: true });
    expect(s.mocks.upload).toHaveBeenCalledWith("Thank you!");
    expect(s.mocks.send).toHaveBeenCalledWith(DIGEST);
    expect(s.mocks.progress).toHaveBeenNthCalledWith(1, "upload");
    expect(s.mocks.progress).toHaveBeenNthCalledWith(2, "transaction");
  });

  it("stops before uploading when the text is not valid", async () => {
    const s = steps();
    await expect(publishReply(s, " ")).resolves.toEqual({ ok: false, stage: "validate", kind: "error", message: "Write your reply first." });
    expect(s.mocks.upload).not.toHaveBeenCalled();
    expect(s.mocks.send).not.toHaveBeenCalled();
  });

  it("explains an upload failure and sends nothing", async () => {
    const s = steps({ upload: vi.fn(async () => Promise.reject(new Error("The IPFS node is not running."))) });
    const outcome = await publishReply(s, "Thanks");
    expect(outcome).toEqual({
      ok: false,
      stage: "upload",
      kind: "error",
      message: "Your reply could not be saved to IPFS. The IPFS node is not running.",
    });
    expect(s.mocks.send).not.toHaveBeenCalled();
  });

  it("answers a cancelled wallet prompt calmly, and does not upload again on retry", async () => {
    const s = steps();
    s.mocks.send.mockResolvedValueOnce({ ok: false, stage: "send", error: { kind: "rejected", message: "You cancelled the request in your wallet." } });
    const first = await publishReply(s, "Thanks for buying");
    expect(first).toMatchObject({ ok: false, kind: "rejected", stage: "transaction" });
    expect(!first.ok && first.message).toMatch(/Your reply is still here/);
    await expect(publishReply(s, "Thanks for buying ")).resolves.toEqual({ ok: true });
    expect(s.mocks.upload).toHaveBeenCalledTimes(1);
    expect(s.mocks.send).toHaveBeenCalledTimes(2);
  });

  it("passes the contract's decoded reason on", async () => {
    const s = steps({
      send: vi.fn(async (): Promise<TransactionResult> => ({
        ok: false,
        stage: "simulate",
        error: { kind: "contract", name: "ReputationAlreadyReplied", message: "You already replied to this review." },
      })),
    });
    await expect(publishReply(s, "Again")).resolves.toEqual({
      ok: false,
      stage: "transaction",
      kind: "error",
      message: "You already replied to this review.",
    });
  });
});
