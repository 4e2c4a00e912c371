/**
 * Every event read of the dApp goes through here. Logs come straight from the node with `eth_getLogs` (this works on
 * wagmi's bare client, without bundling viem's actions), and a range the node refuses as too large (public RPCs limit
 * eth_getLogs to some thousands of blocks or results) is split in halves until it is accepted.
 */
import { formatLog, numberToHex, toEventSelector, type AbiEvent, type Address, type Client, type Hex, type Log } from "viem";

/** Topic filters as eth_getLogs takes them: position by position, null for any, an array for any of several. */
export type TopicFilter = ReadonlyArray<Hex | readonly Hex[] | null>;

/** Raw logs of `address` matching `topics` in [fromBlock, toBlock], split into smaller ranges when the node asks. */
export async function getRawLogs(
  client: Client,
  params: { address: Address | Address[]; topics: TopicFilter; fromBlock: bigint; toBlock: bigint },
): Promise<Log[]> {
  if (params.fromBlock > params.toBlock) return [];
  try {
    const logs = await client.request({
      method: "eth_getLogs",
      params: [
        {
          address: params.address,
          topics: params.topics.map((topic) => (topic === null || typeof topic === "string" ? topic : [...topic])),
          fromBlock: numberToHex(params.fromBlock),
          toBlock: numberToHex(params.toBlock),
        },
      ],
    });
    return logs.map((log) => formatLog(log));
  } catch (error) {
    if (params.toBlock - params.fromBlock < 1n || !isRangeError(error)) throw error;
    const middle = (params.fromBlock + params.toBlock) / 2n;
    const left = await getRawLogs(client, { ...params, toBlock: middle });
    const right = await getRawLogs(client, { ...params, fromBlock: middle + 1n });
    return [...left, ...right];
  }
}

/** The topic filter that matches any of `events`. */
export function anyOf(events: readonly AbiEvent[]): TopicFilter {
  return [events.map((event) => toEventSelector(event))];
}

/** Logs of mined blocks (a node may return pending ones without a block). */
export function isMined(log: Log): log is Log<bigint, number, false> {
  return log.blockNumber !== null && log.logIndex !== null && log.transactionHash !== null;
}

function isRangeError(error: unknown): boolean {
  const { details, message } = (error ?? {}) as { details?: unknown; message?: unknown };
  const text = typeof details === "string" ? details : typeof message === "string" ? message : "";
  return /range|too many|limit|exceed|10000|response size/i.test(text);
}

/** Chronological order across contracts. */
export function byChainOrder(a: Log, b: Log): number {
  const block = Number((a.blockNumber ?? 0n) - (b.blockNumber ?? 0n));
  return block !== 0 ? block : (a.logIndex ?? 0) - (b.logIndex ?? 0);
}
