/**
 * The messaging runtime shared by every page: the relay pool and the profile directory, created on first use. This
 * module and everything it imports (nostr-tools, the NIP-44/59 crypto) load only when a page needs messaging.
 */
import { rpcVerifier, type RpcRequest } from "@souk/sdk/messaging";
import type { PublicRpcSchema } from "viem";
import { getClient } from "wagmi/actions";

import { env } from "../../app/env.ts";
import { config } from "../../app/wagmi.ts";
import { ProfileDirectory } from "./profile-directory.ts";
import { RelayPool } from "./relay-pool.ts";

let runtime: { pool: RelayPool; directory: ProfileDirectory } | undefined;

type ParametersOf<method extends string> = Extract<PublicRpcSchema[number], { Method: method }>["Parameters"];

/** JSON-RPC through the app's chain transport (eth_getCode and eth_call, as the binding verifier asks). */
export const rpc: RpcRequest = ({ method, params }) => {
  const client = getClient(config)!;
  return method === "eth_getCode"
    ? client.request({ method, params: params as ParametersOf<"eth_getCode"> })
    : client.request({ method, params: params as [ParametersOf<"eth_call">[0], NonNullable<ParametersOf<"eth_call">[1]>] });
};

export function getRuntime(): { pool: RelayPool; directory: ProfileDirectory } {
  if (runtime === undefined) {
    const pool = new RelayPool(env.relays);
    // EOA signatures are recovered locally; contract wallets are asked through the chain (ERC-1271).
    runtime = { pool, directory: new ProfileDirectory(pool, env.chainId, rpcVerifier(rpc)) };
  }
  return runtime;
}
