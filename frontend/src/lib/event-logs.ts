/**
 * Typed event reads over the range-splitting reader of ./logs.ts (kept apart from it so that the browse page, which
 * decodes its raw logs itself, does not download the generic decoder).
 */
import { encodeEventTopics, parseEventLogs, type AbiEvent, type Address, type Client, type GetLogsParameters } from "viem";
import { getBlockNumber } from "viem/actions";

import { getRawLogs, isMined } from "./logs.ts";

/**
 * One event of one contract, decoded and typed by its ABI, optionally filtered by indexed arguments (as viem's
 * getLogs takes them); `toBlock` defaults to the chain's head.
 */
export async function getEventLogs<const event extends AbiEvent>(
  client: Client,
  params: {
    address: Address;
    event: event;
    args?: GetLogsParameters<event>["args"];
    fromBlock: bigint;
    toBlock?: bigint;
  },
) {
  const toBlock = params.toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }));
  const topics = encodeEventTopics({
    abi: [params.event] as readonly AbiEvent[],
    eventName: params.event.name,
    args: params.args,
  });
  const logs = await getRawLogs(client, { address: params.address, topics, fromBlock: params.fromBlock, toBlock });
  return parseEventLogs({ abi: [params.event] as readonly [event], logs: logs.filter(isMined) });
}

