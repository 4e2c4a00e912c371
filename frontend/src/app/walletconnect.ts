import { walletConnect } from "wagmi/connectors";

import { env } from "./env.ts";

/** Loaded only when VITE_WALLETCONNECT_PROJECT_ID is set (see main.tsx): otherwise it is not in the build at all. */
export function walletConnectConnector() {
  return walletConnect({
    projectId: env.walletConnectProjectId!,
    metadata: {
      name: "Souk",
      description: "Peer-to-peer marketplace with on-chain escrow",
      url: window.location.origin,
      icons: [`${window.location.origin}/favicon.svg`],
    },
    showQrModal: true,
  });
}
