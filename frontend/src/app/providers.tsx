import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { WagmiProvider } from "wagmi";

import type { config as defaultConfig } from "./wagmi.ts";

import { Toaster } from "../components/toaster.tsx";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, retry: 2, staleTime: 4_000 },
  },
});

/** Chain data lives in TanStack Query through wagmi; notifications are global. */
export function Providers({ config, children }: { config: typeof defaultConfig; children: ReactNode }) {
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <Toaster>{children}</Toaster>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
