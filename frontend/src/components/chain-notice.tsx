import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { chain } from "../app/chain.ts";
import { env } from "../app/env.ts";
import { checkDeployment, rememberChain, usedAnotherChain } from "../lib/chain-identity.ts";
import { contracts } from "../lib/deployment.ts";
import { callRpc } from "../lib/json-rpc.ts";
import { Button } from "./button.tsx";

/** Where a wallet's memory of a chain is cleared, for the wallet most people use. */
const RESET_WALLET = "MetaMask: Settings → Advanced → Clear activity tab data";

/**
 * What a restarted chain means for the person. A local chain (`npm start`) starts empty every time: when this
 * browser used an earlier one, the wallet still counts that chain's transactions and refuses to send ("nonce too
 * high") until its activity is cleared; and a build whose deployment is not on the chain cannot work at all.
 */
export function ChainNotice() {
  const check = useQuery({
    queryKey: ["deployment-check", env.rpcUrl, contracts?.record.deployBlockHash],
    enabled: contracts !== undefined,
    queryFn: ({ signal }) => checkDeployment((method, params) => callRpc(env.rpcUrl, method, params, signal), contracts!),
    // Checked again now and then: a tab left open across a restart learns about it too.
    refetchInterval: 15_000,
    retry: false,
  });
  const hash = contracts?.record.deployBlockHash;
  // Compared once, when the page opens: the build's deployment does not change while it runs.
  const [changed, setChanged] = useState(() => hash !== undefined && usedAnotherChain(localStorage, chain.id, hash));
  const present = check.data?.status === "present";
  useEffect(() => {
    if (present && !changed && hash !== undefined) rememberChain(localStorage, chain.id, hash);
  }, [present, changed, hash]);
  if (contracts === undefined || check.data === undefined) return null;

  if (check.data.status === "missing") {
    return (
      <div role="alert" className="bg-danger-soft px-4 py-2 text-center text-sm text-danger">
        The chain at {env.rpcUrl} no longer has the contracts this copy of Souk was built for: it was restarted or reset
        since (a local chain starts empty every time). Listings and orders cannot load. If you run Souk with npm start,
        stop it and start it again: it deploys the contracts again and serves a matching app.
      </div>
    );
  }
  if (!changed) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-warning-soft px-4 py-2 text-center text-sm text-warning">
      <span>
        {chain.name} was restarted since you last used Souk in this browser, and it starts empty: listings, orders and
        balances from before are gone. Your wallet still remembers the old chain: if it refuses to send a transaction
        (“nonce too high”) or shows old ones, clear its activity for this network ({RESET_WALLET}).
      </span>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => setChanged(false)}
      >
        Got it
      </Button>
    </div>
  );
}
