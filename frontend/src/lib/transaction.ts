/**
 * The one path every write takes: simulate (so a failing call never reaches the wallet), send, wait for the
 * receipt, notify at each step, decode custom errors into plain sentences, and refresh the data on success. The
 * steps are injected so that the logic is tested without a wallet (see transaction.test.ts); use-transactor.ts
 * wires them to wagmi.
 */
import { decodeError, type DecodedError } from "@souk/sdk/errors";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt } from "viem";

import type { ToastTone } from "./toasts.ts";

type WriteMutability = "nonpayable" | "payable";

/** A contract write, typed by its ABI: the function must exist and the arguments must fit it. */
export interface WriteRequest<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, WriteMutability> = ContractFunctionName<abi, WriteMutability>,
> {
  address: Address;
  abi: abi;
  functionName: functionName;
  args: ContractFunctionArgs<abi, WriteMutability, functionName>;
  value?: bigint;
  /** What the person is doing, for the notifications: "Buy 2 × Stoneware mug". */
  description: string;
}

/** `transact(request)`, generic over the ABI so that every call site is type-checked against it. */
export type Transact = <const abi extends Abi, functionName extends ContractFunctionName<abi, WriteMutability>>(
  request: WriteRequest<abi, functionName>,
) => Promise<TransactionResult>;

export type TransactionResult =
  | { ok: true; hash: Hash; receipt: TransactionReceipt }
  | { ok: false; stage: "simulate" | "send" | "confirm"; error: DecodedError };

export interface TransactionSteps {
  simulate(request: WriteRequest): Promise<unknown>;
  send(simulated: unknown): Promise<Hash>;
  wait(hash: Hash): Promise<TransactionReceipt>;
  refresh(): Promise<void>;
  notify: {
    show(toast: { tone: ToastTone; title: string; message?: string; link?: { href: string; label: string } }): number;
    update(id: number, toast: { tone: ToastTone; title: string; message?: string; link?: { href: string; label: string } }): void;
  };
  txLink(hash: Hash): string | undefined;
}

export async function runTransaction(steps: TransactionSteps, request: WriteRequest): Promise<TransactionResult> {
  let simulated: unknown;
  try {
    simulated = await steps.simulate(request);
  } catch (error) {
    return fail(steps, request, "simulate", decodeError(error));
  }

  let hash: Hash;
  try {
    hash = await steps.send(simulated);
  } catch (error) {
    return fail(steps, request, "send", decodeError(error));
  }

  const href = steps.txLink(hash);
  const link = href === undefined ? undefined : { href, label: "View transaction" };
  const id = steps.notify.show({ tone: "pending", title: request.description, message: "Waiting for confirmation…", link });
  let receipt: TransactionReceipt;
  try {
    receipt = await steps.wait(hash);
  } catch (error) {
    const decoded = decodeError(error);
    steps.notify.update(id, { tone: "error", title: `${request.description}: not confirmed`, message: decoded.message, link });
    return { ok: false, stage: "confirm", error: decoded };
  }
  if (receipt.status !== "success") {
    const decoded: DecodedError = { kind: "contract", message: "The transaction was reverted by the contract." };
    steps.notify.update(id, { tone: "error", title: `${request.description}: failed`, message: decoded.message, link });
    await steps.refresh();
    return { ok: false, stage: "confirm", error: decoded };
  }
  steps.notify.update(id, { tone: "success", title: request.description, message: "Confirmed.", link });
  await steps.refresh();
  return { ok: true, hash, receipt };
}

function fail(
  steps: TransactionSteps,
  request: WriteRequest,
  stage: "simulate" | "send",
  error: DecodedError,
): TransactionResult {
  if (error.kind === "rejected") {
    // The person said no in their wallet: acknowledge it calmly, no error wall.
    steps.notify.show({ tone: "info", title: "Cancelled", message: error.message });
  } else {
    steps.notify.show({ tone: "error", title: `${request.description}: not sent`, message: error.message });
  }
  return { ok: false, stage, error };
}
