/**
 * Is a service there? One short request each, with its own timeout: the app's own reads wait much longer (10 s per
 * RPC attempt, 15 s per gateway attempt, with retries), which is right for reading but would report a hanging service
 * only after about a minute. The banners (components/network-banner.tsx) poll these.
 */
import { callRpc } from "./json-rpc.ts";

export const PROBE_TIMEOUT_MS = 4_000;

/** The identity CID of zero bytes: every gateway can answer it without looking anything up, so it measures the gateway alone. */
export const EMPTY_CID = "bafkqaaa";

function withTimeout(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]);
}

/** One eth_blockNumber: the node answers with a block number. */
export async function probeRpc(url: string, signal: AbortSignal): Promise<true> {
  const block = await callRpc<string | null>(url, "eth_blockNumber", [], withTimeout(signal));
  if (typeof block !== "string") throw new Error("The node gave no block number");
  return true;
}

/** A gateway serves the empty block. */
export async function probeGateway(gateway: string, signal: AbortSignal): Promise<true> {
  const response = await fetch(`${gateway}/ipfs/${EMPTY_CID}?format=raw`, { headers: { accept: "application/vnd.ipld.raw" }, signal: withTimeout(signal) });
  if (!response.ok) throw new Error(`The gateway answered HTTP ${response.status}`);
  return true;
}

/** At least one of the gateways answers (they are tried in turn for every read, so one is enough). */
export async function probeGateways(gateways: readonly string[], signal: AbortSignal): Promise<true> {
  return Promise.any(gateways.map((gateway) => probeGateway(gateway, signal)));
}

/**
 * The Kubo RPC API answers `version`. Any answer below 500 counts: a pinning service may want a key for it, and
 * still be there.
 */
export async function probeIpfsApi(apiUrl: string, signal: AbortSignal): Promise<true> {
  const response = await fetch(`${apiUrl}/version`, { method: "POST", signal: withTimeout(signal) });
  if (response.status >= 500) throw new Error(`The IPFS API answered HTTP ${response.status}`);
  return true;
}

/**
 * Whether a polled service is down: its last settled check failed. Judged by when the last success and the last
 * failure happened rather than by the query's current status, because a query that never succeeded goes back to
 * "pending" at every new check, which made the banner blink out for the length of each check.
 */
export function lastCheckFailed(state: { dataUpdatedAt: number; errorUpdatedAt: number }): boolean {
  return state.errorUpdatedAt > state.dataUpdatedAt;
}
