import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

import { env } from "../app/env.ts";
import { lastCheckFailed, probeGateways, probeIpfsApi, probeRpc } from "../lib/reachability.ts";

interface Service {
  key: readonly unknown[];
  probe: (signal: AbortSignal) => Promise<true>;
  /** How often it is checked while it answers, and while it does not (sooner, to notice it coming back). */
  upEveryMs: number;
  downEveryMs: number;
}

const SERVICES = {
  chain: { key: ["reachable", "rpc", env.rpcUrl], probe: (signal) => probeRpc(env.rpcUrl, signal), upEveryMs: 3_000, downEveryMs: 3_000 },
  gateways: { key: ["reachable", "gateways", ...env.gateways], probe: (signal) => probeGateways(env.gateways, signal), upEveryMs: 10_000, downEveryMs: 3_000 },
  ipfsApi: { key: ["reachable", "ipfs-api", env.ipfsApiUrl], probe: (signal) => probeIpfsApi(env.ipfsApiUrl, signal), upEveryMs: 10_000, downEveryMs: 3_000 },
} as const satisfies Record<string, Service>;

export type ServiceName = keyof typeof SERVICES;

/**
 * Whether `name` is down, polled (one retry a second after a failure, like every check). Components asking about the
 * same service share one check.
 */
export function useServiceDown(name: ServiceName, enabled = true): boolean {
  const service: Service = SERVICES[name];
  const query = useQuery({
    queryKey: service.key,
    queryFn: ({ signal }) => service.probe(signal),
    enabled,
    retry: 1,
    retryDelay: 1_000,
    refetchInterval: (q) => (lastCheckFailed(q.state) ? service.downEveryMs : service.upEveryMs),
  });
  return enabled && lastCheckFailed(query);
}

/** Calls `onBack` when `down` turns false after having been true. */
function useWhenBack(down: boolean, onBack: () => void): void {
  const was = useRef(down);
  const callback = useRef(onBack);
  callback.current = onBack;
  useEffect(() => {
    if (was.current && !down) callback.current();
    was.current = down;
  }, [down]);
}

/**
 * When IPFS or the chain comes back, what failed because of it is fetched again (documents and pictures are cached
 * for good once loaded, so without this a failure would stay on screen until a reload).
 */
export function useRefetchWhenBack(name: "chain" | "gateways", down: boolean): void {
  const queryClient = useQueryClient();
  useWhenBack(down, () => {
    void queryClient.refetchQueries({
      type: "active",
      predicate: (query) => {
        if (query.state.status !== "error" || query.queryKey[0] === "reachable") return false;
        // By name, not `instanceof`: importing lib/ipfs.ts here would move it into every page's first chunk.
        const error = query.state.error as { name?: unknown; kind?: unknown } | null;
        const fromIpfs = error?.name === "IpfsError";
        return name === "gateways" ? fromIpfs && error?.kind === "unreachable" : !fromIpfs;
      },
    });
  });
}
