/**
 * Reads a price feed (Chainlink's AggregatorV3Interface) with one JSON-RPC batch to the app's node: the latest
 * round, the feed's decimals, and the latest block's time (to judge freshness by the chain's clock).
 */
import { aggregatorV3Abi } from "@souk/sdk/contracts";
import type { FeedAnswer } from "@souk/sdk/price-feeds";
import { decodeFunctionResult, encodeFunctionData, type Hex } from "viem";

export async function readPriceFeed(rpcUrl: string, feed: string, signal?: AbortSignal): Promise<FeedAnswer & { now: bigint }> {
  const call = (id: number, functionName: "latestRoundData" | "decimals") => ({
    jsonrpc: "2.0",
    id,
    method: "eth_call",
    params: [{ to: feed, data: encodeFunctionData({ abi: aggregatorV3Abi, functionName }) }, "latest"],
  });
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([call(1, "latestRoundData"), call(2, "decimals"), { jsonrpc: "2.0", id: 3, method: "eth_getBlockByNumber", params: ["latest", false] }]),
    signal,
  });
  const answers = (await response.json()) as Array<{ id: number; result?: unknown }>;
  const result = (id: number) => answers.find((a) => a.id === id)?.result;
  const hex = (value: unknown, what: string): Hex => {
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]*$/.test(value)) throw new Error(`The price feed did not answer ${what}.`);
    return value as Hex;
  };
  const [, answer, , updatedAt] = decodeFunctionResult({ abi: aggregatorV3Abi, functionName: "latestRoundData", data: hex(result(1), "latestRoundData") });
  const decimals = decodeFunctionResult({ abi: aggregatorV3Abi, functionName: "decimals", data: hex(result(2), "decimals") });
  const block = result(3) as { timestamp?: unknown } | undefined;
  return { answer, updatedAt, decimals, now: BigInt(hex(block?.timestamp, "its latest block")) };
}
