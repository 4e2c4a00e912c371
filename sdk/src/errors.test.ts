import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  UserRejectedRequestError,
  type Abi,
} from "viem";
import { describe, expect, it } from "vitest";

import { escrowAbi, listingRegistryAbi, reputationAbi, soukErrorsAbi } from "./contracts.ts";

const soukAbi = [...escrowAbi, ...listingRegistryAbi, ...reputationAbi];
import { decodeError, decodeRevertData, ERROR_MESSAGES } from "./errors.ts";

/** The errors of every Souk contract, widened so that a test can name any error with any arguments. */
const anyError: Abi = soukAbi;

function reverted(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: anyError, errorName, args });
  const cause = new ContractFunctionRevertedError({ abi: soukAbi, data, functionName: "buy" });
  return new ContractFunctionExecutionError(cause, { abi: escrowAbi, functionName: "buy", args: [] });
}

describe("decodeError", () => {
  it("explains a stale listing version in plain words", () => {
    const decoded = decodeError(reverted("ListingRegistryVersionMismatch", [1n, 1n, 2n]));
    expect(decoded).toMatchObject({ kind: "contract", name: "ListingRegistryVersionMismatch", args: [1n, 1n, 2n] });
    expect(decoded.message).toMatch(/changed this listing/);
  });

  it("includes the values that help: stock left, deadlines", () => {
    expect(decodeError(reverted("ListingRegistryInsufficientStock", [1n, 5n, 2n])).message).toBe(
      "Only 2 left: you asked for 5.",
    );
    expect(decodeError(reverted("EscrowDeadlinePassed", [1n, 1_767_225_600n])).message).toMatch(/^Too late: .*2026/);
  });

  it("decodes raw revert data too", () => {
    const data = encodeErrorResult({ abi: escrowAbi, errorName: "EscrowSellerCannotBuy", args: [3n, "0x0000000000000000000000000000000000000001"] });
    expect(decodeRevertData(data)?.message).toBe("You cannot buy your own listing.");
    expect(decodeRevertData("0x12345678")).toBeUndefined();
  });

  it("treats a rejected signature as a calm cancellation", () => {
    const error = new UserRejectedRequestError(new Error("User rejected the request."));
    expect(decodeError(error)).toEqual({ kind: "rejected", message: "You cancelled the request in your wallet." });
    expect(decodeError({ code: 4001, message: "denied" }).kind).toBe("rejected");
  });

  it("never throws on odd input", () => {
    expect(decodeError("boom")).toEqual({ kind: "unknown", message: "boom" });
    expect(decodeError(new BaseError("Something odd")).kind).toBe("unknown");
  });

  it("has a sentence for every custom error of the three contracts", () => {
    const names = soukAbi.filter((item) => item.type === "error").map((item) => item.name);
    expect(new Set(soukErrorsAbi.map((item) => item.name))).toEqual(new Set([...names, ...soukErrorsAbi.map((i) => i.name)]));
    const missing = names.filter((name) => ERROR_MESSAGES[name] === undefined);
    expect(missing).toEqual([]);
    expect(listingRegistryAbi.some((item) => item.type === "error")).toBe(true);
  });
});
