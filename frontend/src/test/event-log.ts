/**
 * Logs as a node returns them, for tests of code that decodes events: the topics and data of `eventName` with
 * `args`, typed by the ABI (a misspelt argument or a wrong type fails to compile).
 */
import {
  encodeAbiParameters,
  encodeEventTopics,
  numberToHex,
  type Abi,
  type AbiEvent,
  type Address,
  type ContractEventName,
  type Hex,
  type Log,
} from "viem";

type EventArgs = Record<string, unknown>;

/** Topics and data of one event. */
export function encodeEvent<const abi extends Abi>(abi: abi, eventName: ContractEventName<abi>, args: EventArgs): { topics: Hex[]; data: Hex } {
  const event = abi.find((item): item is AbiEvent => item.type === "event" && item.name === eventName);
  if (event === undefined) throw new Error(`No event ${eventName} in the ABI`);
  const missing = event.inputs.filter((i) => args[i.name!] === undefined).map((i) => i.name);
  if (missing.length > 0) throw new Error(`${eventName} needs ${missing.join(", ")}`);
  const indexed = Object.fromEntries(event.inputs.filter((i) => i.indexed === true).map((i) => [i.name!, args[i.name!]]));
  const topics = encodeEventTopics({ abi: [event], eventName: event.name, args: indexed }).filter((t): t is Hex => t !== null);
  const dataInputs = event.inputs.filter((i) => i.indexed !== true);
  const data = encodeAbiParameters(dataInputs, dataInputs.map((i) => args[i.name!]));
  return { topics, data };
}

/** A decoded-shape log (bigint block number), as viem's actions and receipts carry them. */
export function eventLog<const abi extends Abi>(
  abi: abi,
  eventName: ContractEventName<abi>,
  args: EventArgs,
  at: { address: Address; blockNumber?: bigint; logIndex?: number },
): Log<bigint, number, false> {
  const { topics, data } = encodeEvent(abi, eventName, args);
  const blockNumber = at.blockNumber ?? 1n;
  return {
    address: at.address,
    topics: topics as [Hex, ...Hex[]],
    data,
    blockNumber,
    blockHash: numberToHex(blockNumber, { size: 32 }),
    logIndex: at.logIndex ?? 0,
    transactionHash: numberToHex(blockNumber + 100n, { size: 32 }),
    transactionIndex: 0,
    removed: false,
  };
}

/** The same log as JSON-RPC returns it (hex quantities). */
export function rpcLog(log: Log<bigint, number, false>) {
  return {
    ...log,
    blockNumber: numberToHex(log.blockNumber),
    logIndex: numberToHex(log.logIndex),
    transactionIndex: numberToHex(log.transactionIndex),
  };
}
