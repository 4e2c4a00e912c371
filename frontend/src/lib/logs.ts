/**
 * Raw event logs straight from the node, filtered by event selectors: callers decode them once themselves. Works on
 * wagmi's bare client (no viem actions bundled), and splits the block range in halves when a node refuses a range
 * as too large (public RPCs limit eth_getLogs to some thousands of blocks or results).
 */
import { formatLog, numberToHex, toEventSelector, type AbiEvent, type Address, type Client, type Log } from "viem";

export async function getRawLogs(
  client: Client,
  params: { address: Address | Address[]; events: readonly AbiEvent[]; fromBlock: bigint; toBlock: bigint },
): Promise<Log[]> {
  if (params.fromBlock > params.toBlock) return [];
  try {
    const logs = await client.request({
      method: "eth_getLogs",
      params: [
        {
          address: params.address,
          topics: [params.events.map((event) => toEventSelector(event))],
          fromBlock: numberToHex(params.fromBlock),
          toBlock: numberToHex(params.toBlock),
        },
      ],
    });
    return logs.map((log) => formatLog(log)) as Log[];
  } catch (error) {
    if (params.toBlock - params.fromBlock < 1n || !isRangeError(error)) throw error;
    const middle = (params.fromBlock + params.toBlock) / 2n;
    const left = await getRawLogs(client, { ...params, toBlock: middle });
    const right = await getRawLogs(client, { ...params, fromBlock: middle + 1n });
    return [...left, ...right];
  }
}

function isRangeError(error: unknown): boolean {
  const text = String((error as { details?: string; message?: string })?.details ?? (error as Error)?.message ?? "");
  return /range|too many|limit|exceed|10000|response size/i.test(text);
}

/** Chronological order across contracts. */
export function byChainOrder(a: Log, b: Log): number {
  const block = Number((a.blockNumber ?? 0n) - (b.blockNumber ?? 0n));
  return block !== 0 ? block : (a.logIndex ?? 0) - (b.logIndex ?? 0);
}
