/**
 * A JSON-RPC node in memory for tests of event reads: eth_blockNumber and eth_getLogs over a list of logs that a test
 * can change (a reorganisation), optionally refusing ranges wider than `maxRange` blocks the way public RPCs do.
 */
import { numberToHex, type Client, type Hex, type Log } from "viem";

import { rpcLog } from "./event-log.ts";

interface Filter {
  address: Hex | Hex[];
  topics: Array<Hex | Hex[] | null>;
  fromBlock: Hex;
  toBlock: Hex;
}

export class FakeNode {
  head = 0n;
  logs: Array<Log<bigint, number, false>> = [];
  calls: Array<{ fromBlock: bigint; toBlock: bigint; refused: boolean }> = [];

  constructor(readonly maxRange?: bigint) {}

  /** What wagmi's bare client offers: `request` (viem's actions call it). */
  client(): Client {
    const request = async ({ method, params }: { method: string; params?: unknown }) => this.request(method, params);
    return { request, cacheTime: 0, chain: undefined, key: "fake", name: "fake", type: "fake", uid: "fake" } as unknown as Client;
  }

  private request(method: string, params: unknown): unknown {
    if (method === "eth_blockNumber") return numberToHex(this.head);
    if (method !== "eth_getLogs") throw new Error(`FakeNode does not answer ${method}`);
    const [filter] = params as [Filter];
    const fromBlock = BigInt(filter.fromBlock);
    const toBlock = BigInt(filter.toBlock);
    const refused = this.maxRange !== undefined && toBlock - fromBlock + 1n > this.maxRange;
    this.calls.push({ fromBlock, toBlock, refused });
    if (refused) throw Object.assign(new Error("query exceeds max block range 1000"), { code: -32005 });
    const addresses = (Array.isArray(filter.address) ? filter.address : [filter.address]).map((a) => a.toLowerCase());
    return this.logs
      .filter((log) => log.blockNumber >= fromBlock && log.blockNumber <= toBlock)
      .filter((log) => addresses.includes(log.address.toLowerCase()))
      .filter((log) =>
        filter.topics.every((wanted, i) => {
          if (wanted === null) return true;
          const topic = log.topics[i];
          return Array.isArray(wanted) ? wanted.includes(topic as Hex) : wanted === topic;
        }),
      )
      .map((log) => rpcLog(log));
  }
}
