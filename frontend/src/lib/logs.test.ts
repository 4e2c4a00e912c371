// @vitest-environment node
import { reputationAbi } from "@souk/sdk/contracts";
import { getAbiItem, type Address } from "viem";
import { describe, expect, it } from "vitest";

import { eventLog } from "../test/event-log.ts";
import { FakeNode } from "../test/fake-node.ts";
import { getEventLogs } from "./event-logs.ts";
import { getRawLogs } from "./logs.ts";

const REPUTATION: Address = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const ESCROW: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const RATED = getAbiItem({ abi: reputationAbi, name: "Rated" });

function rated(orderId: bigint, rater: Address, ratee: Address, blockNumber: bigint) {
  return eventLog(reputationAbi, "Rated", { orderId, rater, ratee, rateeRole: 0, score: 5, reviewDigest: `0x${"00".repeat(32)}`, token: "0x0000000000000000000000000000000000000000", amount: 1n }, { address: REPUTATION, blockNumber });
}

describe("getRawLogs", () => {
  it("splits a range the node refuses into halves until each part is accepted, keeping chain order", async () => {
    const node = new FakeNode(1_000n);
    node.head = 5_000n;
    node.logs = [rated(1n, ALICE, BOB, 10n), rated(2n, ALICE, BOB, 2_600n), rated(3n, BOB, ALICE, 4_999n)];
    const logs = await getRawLogs(node.client(), { address: REPUTATION, topics: [null], fromBlock: 0n, toBlock: 5_000n });
    expect(logs.map((l) => l.blockNumber)).toEqual([10n, 2_600n, 4_999n]);
    const accepted = node.calls.filter((c) => !c.refused);
    expect(accepted.every((c) => c.toBlock - c.fromBlock + 1n <= 1_000n)).toBe(true);
    // The accepted ranges cover 0..5000 exactly once.
    const covered = accepted.sort((a, b) => Number(a.fromBlock - b.fromBlock));
    expect(covered[0]!.fromBlock).toBe(0n);
    expect(covered.at(-1)!.toBlock).toBe(5_000n);
    for (let i = 1; i < covered.length; i++) expect(covered[i]!.fromBlock).toBe(covered[i - 1]!.toBlock + 1n);
  });

  it("passes on an error that is not about the range", async () => {
    const node = new FakeNode();
    const client = node.client();
    await expect(getRawLogs(client, { address: ESCROW, topics: [null], fromBlock: 0n, toBlock: 10n })).resolves.toEqual([]);
    const failing = { ...client, request: () => Promise.reject(new Error("execution reverted")) };
    await expect(getRawLogs(failing, { address: ESCROW, topics: [null], fromBlock: 0n, toBlock: 10n })).rejects.toThrow("execution reverted");
  });
});

describe("getEventLogs", () => {
  it("decodes one event, typed, filtered by an indexed argument, up to the head by default", async () => {
    const node = new FakeNode(1_000n);
    node.head = 3_000n;
    node.logs = [rated(1n, ALICE, BOB, 5n), rated(2n, BOB, ALICE, 6n), rated(3n, ALICE, BOB, 2_999n)];
    const logs = await getEventLogs(node.client(), { address: REPUTATION, event: RATED, args: { ratee: BOB }, fromBlock: 0n });
    expect(logs.map((log) => [log.args.orderId, log.args.ratee, log.blockNumber])).toEqual([
      [1n, BOB, 5n],
      [3n, BOB, 2_999n],
    ]);
    expect(node.calls.some((c) => c.refused)).toBe(true);
  });
});
