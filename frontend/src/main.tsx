import "./app/styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";

import { parsedEnv } from "./app/env.ts";
import { Providers } from "./app/providers.tsx";
import { router } from "./app/router.tsx";
import { applyTheme, initialTheme } from "./app/theme.ts";
import { config as defaultConfig, createWagmiConfig } from "./app/wagmi.ts";

applyTheme(initialTheme());
const root = createRoot(document.getElementById("root")!);

async function start(): Promise<void> {
  if (!parsedEnv.ok) {
    root.render(
      <main className="mx-auto max-w-xl p-8">
        <h1 className="mb-2 text-xl font-semibold">Souk is not configured correctly</h1>
        <p className="mb-4 text-muted">Fix these settings (VITE_* environment variables) and rebuild:</p>
        <ul className="list-disc pl-6">
          {parsedEnv.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </main>,
    );
    return;
  }
  let config = defaultConfig;
  // Statically false when no project id was set at build time: the bundler then drops WalletConnect entirely.
  if (import.meta.env.VITE_WALLETCONNECT_PROJECT_ID) {
    const { walletConnectConnector } = await import("./app/walletconnect.ts");
    config = createWagmiConfig([walletConnectConnector()]);
  }
  root.render(
    <StrictMode>
      <Providers config={config}>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
}

void start();
