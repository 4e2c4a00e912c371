import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useClient } from "wagmi";

import { env } from "../app/env.ts";
import { loadCatalogue, type Catalogue } from "../lib/catalogue.ts";
import { requireContracts } from "../lib/deployment.ts";

export const catalogueKey = ["catalogue", env.chainId] as const;

/**
 * Every listing, rebuilt from events and kept current by incremental refreshes (new blocks only); `enabled` false
 * when another source (the indexer) serves the page. Uses wagmi's bare
 * client (`useClient`): `usePublicClient` would bundle every viem action into the first page for two calls.
 */
export function useCatalogue(enabled = true) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: catalogueKey,
    queryFn: () => loadCatalogue(client!, requireContracts(), queryClient.getQueryData<Catalogue>(catalogueKey)),
    enabled: enabled && client !== undefined,
    refetchInterval: env.chainId === 31337 ? 2_000 : 12_000,
    staleTime: 1_000,
    structuralSharing: false,
  });
}
