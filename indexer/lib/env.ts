/**
 * The indexer's settings, read from the environment once and validated: a wrong value stops start-up with a
 * message naming the variable, rather than indexing the wrong chain.
 */
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65_535);

const schema = z.object({
  SOUK_CHAIN_ID: z.coerce.number().int().positive().default(31337),
  /**
   * The chain's JSON-RPC URL, or several separated by commas: Ponder balances requests over them, and its rate
   * limiter starts each URL at 20 requests per second.
   */
  SOUK_RPC_URL: z
    .string()
    .default("http://127.0.0.1:8545")
    .transform((value) => value.split(",").map((s) => s.trim()).filter((s) => s !== ""))
    .pipe(z.array(z.url()).min(1)),
  /** A folder of generated SDK bindings to read deployments from instead of the SDK's own (tests, rehearsals). */
  SOUK_SDK_OUT: z.string().min(1).optional(),
  SOUK_POLLING_MS: z.coerce.number().int().min(100).default(1_000),
  SOUK_LOGS_BLOCK_RANGE: z.coerce.number().int().positive().optional(),
  DATABASE_URL: z.string().startsWith("postgres", { error: "must be a postgres:// or postgresql:// URL" }),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,44}$/, { error: "must be a lower-case SQL identifier of at most 45 characters" }).default("souk"),
  SOUK_DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** Gateways that serve raw blocks (`/ipfs/<cid>?format=raw`), tried in order. */
  SOUK_IPFS_GATEWAYS: z
    .string()
    .default("http://127.0.0.1:8080")
    .transform((value) => value.split(",").map((s) => s.trim().replace(/\/+$/, "")).filter((s) => s !== ""))
    .pipe(z.array(z.url()).min(1)),
  SOUK_API_PORT: port.default(42069),
  SOUK_API_HOST: z.string().default("127.0.0.1"),
  /** Ponder's own HTTP server (GraphQL, SQL over HTTP, /ready, /status), proxied by the API. */
  SOUK_PONDER_URL: z.url().optional(),
  /** Origins allowed by CORS, comma-separated (the dApp's). */
  SOUK_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((s) => s.trim()).filter((s) => s !== "")),
  /** Whether this process fetches IPFS documents (exactly one process per database should). */
  SOUK_DOCUMENTS: z.enum(["on", "off"]).default("on"),
  /** First retry of an unavailable document; each further retry waits twice as long, up to 30 minutes. */
  SOUK_DOCUMENT_RETRY_MS: z.coerce.number().int().min(100).default(2_000),
});

export interface IndexerEnv {
  chainId: number;
  rpcUrls: string[];
  sdkGeneratedDir: string | undefined;
  pollingMs: number;
  logsBlockRange: number | undefined;
  databaseUrl: string;
  databaseSchema: string;
  poolSize: number;
  gateways: string[];
  apiPort: number;
  apiHost: string;
  ponderUrl: string | undefined;
  corsOrigins: string[];
  fetchDocuments: boolean;
  documentRetryMs: number;
}

export function readIndexerEnv(source: NodeJS.ProcessEnv): IndexerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new Error(`The indexer's settings are invalid: ${issues}`);
  }
  const e = parsed.data;
  return {
    chainId: e.SOUK_CHAIN_ID,
    rpcUrls: e.SOUK_RPC_URL,
    sdkGeneratedDir: e.SOUK_SDK_OUT,
    pollingMs: e.SOUK_POLLING_MS,
    logsBlockRange: e.SOUK_LOGS_BLOCK_RANGE,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    poolSize: e.SOUK_DB_POOL_SIZE,
    gateways: e.SOUK_IPFS_GATEWAYS,
    apiPort: e.SOUK_API_PORT,
    apiHost: e.SOUK_API_HOST,
    ponderUrl: e.SOUK_PONDER_URL,
    corsOrigins: e.SOUK_CORS_ORIGINS,
    fetchDocuments: e.SOUK_DOCUMENTS === "on",
    documentRetryMs: e.SOUK_DOCUMENT_RETRY_MS,
  };
}
