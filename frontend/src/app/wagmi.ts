import { createConfig, http, type CreateConnectorFn } from "wagmi";
import { injected } from "wagmi/connectors";

import { chain } from "./chain.ts";
import { env } from "./env.ts";

/**
 * Wallets: every injected wallet announced through EIP-6963 is discovered by wagmi (multiInjectedProviderDiscovery);
 * `injected()` covers a plain `window.ethereum`. WalletConnect is added only when a project id is configured, and
 * its code is loaded only then (see ./walletconnect.ts), so builds without it neither ship nor contact it.
 */
export function createWagmiConfig(extraConnectors: CreateConnectorFn[] = []) {
  return createConfig({
    chains: [chain],
    connectors: [injected({ shimDisconnect: true }), ...extraConnectors],
    multiInjectedProviderDiscovery: true,
    transports: { [chain.id]: http(env.rpcUrl, { batch: { wait: 16 }, retryCount: 2 }) },
    pollingInterval: chain.id === 31337 ? 1_000 : 4_000,
  });
}

export const config = createWagmiConfig();

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
