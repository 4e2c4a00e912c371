import { z } from "zod";

/**
 * Only http(s): `z.url()` alone accepts `javascript:`, `data:` and `file:` URLs, and these values end up in fetch
 * calls and in links the app renders (the explorer). The RPC is reached over HTTP (wagmi's http transport).
 */
const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const envSchema = z.object({
  VITE_CHAIN_ID: z.coerce.number({ error: "must be a number" }).int().positive().default(31337),
  VITE_RPC_URL: url.default("http://127.0.0.1:8545"),
  VITE_IPFS_API_URL: url.default("http://127.0.0.1:5001/api/v0"),
  VITE_IPFS_GATEWAYS: z
    .string()
    .default("http://127.0.0.1:8080")
    .transform((value) =>
      value
        .split(",")
        .map((s) => s.trim().replace(/\/+$/, ""))
        .filter((s) => s !== ""),
    )
    .pipe(z.array(url).min(1, { error: "needs at least one gateway" })),
  VITE_NOSTR_RELAYS: z
    .string()
    .default("ws://127.0.0.1:7777")
    .transform((value) =>
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(z.url({ protocol: /^wss?$/, error: "must be a ws(s):// URL" })).min(1, { error: "needs at least one relay" })),
  VITE_WALLETCONNECT_PROJECT_ID: z.string().trim().min(1).optional(),
  VITE_EXPLORER_URL: url.optional(),
  /** The indexer's HTTP API (docs/API.md); without it the dApp reads the chain only. */
  VITE_INDEXER_URL: url.transform((value) => value.replace(/\/+$/, "")).optional(),
});

export type AppEnv = {
  chainId: number;
  rpcUrl: string;
  ipfsApiUrl: string;
  gateways: string[];
  /** Nostr relays for profiles and messages: a message goes to all, reads merge them. */
  relays: string[];
  walletConnectProjectId: string | undefined;
  explorerUrl: string | undefined;
  indexerUrl: string | undefined;
};

/** Parses the build-time settings; the app shows the problems instead of starting with a bad configuration. */
export function parseEnv(raw: Record<string, unknown>): { ok: true; env: AppEnv } | { ok: false; problems: string[] } {
  const result = envSchema.safeParse(
    Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value === "" ? undefined : value])),
  );
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  }
  const e = result.data;
  return {
    ok: true,
    env: {
      chainId: e.VITE_CHAIN_ID,
      rpcUrl: e.VITE_RPC_URL,
      ipfsApiUrl: e.VITE_IPFS_API_URL,
      gateways: e.VITE_IPFS_GATEWAYS,
      relays: e.VITE_NOSTR_RELAYS,
      walletConnectProjectId: e.VITE_WALLETCONNECT_PROJECT_ID,
      explorerUrl: e.VITE_EXPLORER_URL,
      indexerUrl: e.VITE_INDEXER_URL,
    },
  };
}

export const parsedEnv = parseEnv(import.meta.env);

/** The validated settings. Only used once `parsedEnv.ok` was checked at start-up (main.tsx). */
export const env: AppEnv = parsedEnv.ok
  ? parsedEnv.env
  : {
      chainId: 31337,
      rpcUrl: "http://127.0.0.1:8545",
      ipfsApiUrl: "http://127.0.0.1:5001/api/v0",
      gateways: ["http://127.0.0.1:8080"],
      relays: ["ws://127.0.0.1:7777"],
      walletConnectProjectId: undefined,
      explorerUrl: undefined,
      indexerUrl: undefined,
    };
