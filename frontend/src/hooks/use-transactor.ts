import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useConfig } from "wagmi";
import { getAccount, simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";

import { explorerLink } from "../app/chain.ts";
import { runTransaction, type Transact, type WriteRequest } from "../lib/transaction.ts";
import { useToasts } from "./use-toasts.ts";

/** Returns `transact(request)`: simulate, send, wait, notify, decode errors, refresh. Every write uses it. */
export function useTransactor(): Transact {
  const config = useConfig();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  return useCallback(
    (request: WriteRequest) =>
      runTransaction(
        {
          simulate: async (r) => {
            const account = getAccount(config).address;
            if (account === undefined) throw new Error("Connect a wallet first.");
            return simulateContract(config, { ...r, account } as Parameters<typeof simulateContract>[1]);
          },
          send: (simulated) =>
            writeContract(config, (simulated as { request: Parameters<typeof writeContract>[1] }).request),
          wait: (hash) => waitForTransactionReceipt(config, { hash }),
          refresh: () => queryClient.invalidateQueries(),
          notify: toasts,
          txLink: (hash) => explorerLink("tx", hash),
        },
        request,
      ),
    [config, queryClient, toasts],
  );
}
