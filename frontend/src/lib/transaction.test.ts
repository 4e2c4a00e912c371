// The transaction helper's logic with its steps injected (no wallet): what happens at each stage, what the person is
// told, and what is refreshed. use-transactor.ts wires the same steps to wagmi.
import { escrowAbi, listingRegistryAbi } from "@souk/sdk/contracts";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  UserRejectedRequestError,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { describe, expect, it, vi } from "vitest";

import type { Toast } from "./toasts.ts";
import { runTransaction, type TransactionSteps, type WriteRequest } from "./transaction.ts";

const HASH: Hash = `0x${"ab".repeat(32)}`;
const REQUEST: WriteRequest<typeof escrowAbi, "confirm"> = {
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  abi: escrowAbi,
  functionName: "confirm",
  args: [7n],
  description: "Confirm receipt (order 7)",
};
const receipt = (status: TransactionReceipt["status"]) => ({ status, logs: [] }) as unknown as TransactionReceipt;

function steps(overrides: Partial<TransactionSteps> = {}) {
  const toasts: Array<{ id: number; toast: Omit<Toast, "id"> }> = [];
  const updates: Array<{ id: number; toast: Omit<Toast, "id"> }> = [];
  const s = {
    simulate: vi.fn<TransactionSteps["simulate"]>(async (request) => ({ request })),
    send: vi.fn<TransactionSteps["send"]>(async () => HASH),
    wait: vi.fn<TransactionSteps["wait"]>(async () => receipt("success")),
    refresh: vi.fn<TransactionSteps["refresh"]>(async () => {}),
    notify: {
      show: (toast: Omit<Toast, "id">) => toasts.push({ id: toasts.length + 1, toast }),
      update: (id: number, toast: Omit<Toast, "id">) => void updates.push({ id, toast }),
    },
    txLink: (hash: Hash) => `https://explorer.example/tx/${hash}`,
    ...overrides,
  };
  return { s, toasts, updates };
}

/** What a node answers when the registry refuses a purchase at an old version. */
function versionMismatch() {
  const data = encodeErrorResult({ abi: listingRegistryAbi, errorName: "ListingRegistryVersionMismatch", args: [3n, 1n, 2n] });
  const cause = new ContractFunctionRevertedError({ abi: listingRegistryAbi, data, functionName: "buy" });
  return new ContractFunctionExecutionError(cause, { abi: escrowAbi, functionName: "buy", args: [] });
}

describe("runTransaction", () => {
  it("simulates, sends what the simulation prepared, waits, says pending then confirmed with a link, and refreshes", async () => {
    const { s, toasts, updates } = steps();
    const result = await runTransaction(s, REQUEST);
    expect(result).toMatchObject({ ok: true, hash: HASH });
    expect(s.simulate).toHaveBeenCalledWith(REQUEST);
    expect(s.send).toHaveBeenCalledWith({ request: REQUEST });
    expect(s.wait).toHaveBeenCalledWith(HASH);
    const link = { href: `https://explorer.example/tx/${HASH}`, label: "View transaction" };
    expect(toasts).toEqual([{ id: 1, toast: { tone: "pending", title: REQUEST.description, message: "Waiting for confirmation…", link } }]);
    expect(updates).toEqual([{ id: 1, toast: { tone: "success", title: REQUEST.description, message: "Confirmed.", link } }]);
    expect(s.refresh).toHaveBeenCalledTimes(1);
  });

  it("stops at a failing simulation with the contract's error in words: nothing reaches the wallet", async () => {
    const { s, toasts } = steps({ simulate: vi.fn(async () => Promise.reject(versionMismatch())) });
    const result = await runTransaction(s, REQUEST);
    expect(result).toMatchObject({ ok: false, stage: "simulate", error: { kind: "contract", name: "ListingRegistryVersionMismatch" } });
    expect(!result.ok && result.error.message).toMatch(/changed this listing/);
    expect(s.send).not.toHaveBeenCalled();
    expect(toasts).toEqual([
      { id: 1, toast: { tone: "error", title: `${REQUEST.description}: not sent`, message: expect.stringMatching(/changed this listing/) } },
    ]);
    expect(s.refresh).not.toHaveBeenCalled();
  });

  it.each([
    ["viem's UserRejectedRequestError", new UserRejectedRequestError(new Error("User rejected the request."))],
    ["an EIP-1193 provider error 4001", Object.assign(new Error("User denied transaction signature."), { code: 4001 })],
  ])("answers a refusal in the wallet (%s) calmly, as 'Cancelled'", async (_name, refusal) => {
    const { s, toasts } = steps({ send: vi.fn(async () => Promise.reject(refusal)) });
    const result = await runTransaction(s, REQUEST);
    expect(result).toMatchObject({ ok: false, stage: "send", error: { kind: "rejected" } });
    expect(toasts).toEqual([{ id: 1, toast: { tone: "info", title: "Cancelled", message: "You cancelled the request in your wallet." } }]);
    expect(s.wait).not.toHaveBeenCalled();
  });

  it("reports a transaction the chain reverted, and refreshes to show the real state", async () => {
    const { s, updates } = steps({ wait: vi.fn(async () => receipt("reverted")) });
    const result = await runTransaction(s, REQUEST);
    expect(result).toMatchObject({ ok: false, stage: "confirm", error: { kind: "contract" } });
    expect(updates[0]?.toast).toMatchObject({ tone: "error", title: `${REQUEST.description}: failed` });
    expect(s.refresh).toHaveBeenCalledTimes(1);
  });

  it("reports a receipt that never came (network), without a link when the chain has no explorer", async () => {
    const { s, toasts, updates } = steps({
      wait: vi.fn(async () => Promise.reject(new Error("timeout"))),
      txLink: () => undefined,
    });
    const result = await runTransaction(s, REQUEST);
    expect(result).toMatchObject({ ok: false, stage: "confirm" });
    expect(toasts[0]?.toast.link).toBeUndefined();
    expect(updates[0]?.toast).toMatchObject({ tone: "error", title: `${REQUEST.description}: not confirmed`, message: "timeout" });
  });
});
