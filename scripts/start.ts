/**
 * `npm start`: the whole marketplace on this machine, on 127.0.0.1 only.
 *   1. a local chain (Hardhat node, chain id 31337)
 *   2. the embedded IPFS node (Kubo RPC API and trustless gateway) and the Nostr relay (profiles and messages)
 *   3. the contracts and two demo tokens, deployed through the Ignition modules; SDK bindings regenerated
 *   4. a demo market seeded through the public interfaces (skip with --no-seed)
 *   5. PostgreSQL (the npm-installed server, data in .souk/postgres, a fresh database per start; DATABASE_URL
 *      uses another server instead) and the indexer (Ponder, the document fetcher and the HTTP API on 42069)
 *   6. the dApp's dev server (when the frontend workspace exists)
 * Ctrl-C stops everything and frees every port.
 *
 * Options (or SOUK_* environment variables): --no-seed, --fresh-ipfs, --fresh-relay, --chain-port 8545,
 * --ipfs-api-port 5001, --gateway-port 8080, --relay-port 7777, --app-port 5173, --indexer-port 42069, --no-indexer
 * (chain-only mode), --postgres-port (default: any free port), --postgres-data <dir>, --ipfs-data <dir>,
 * --relay-data <dir>, --app dev|preview|none (preview: the production build, served by `vite preview`, as the browser
 * tests use it; --app-out <dir> chooses where the build goes).
 */
import path from "node:path";
import { parseArgs, styleText } from "node:util";

import { startIpfsNode } from "./ipfs/node.ts";
import { devAccount, ROLES } from "./local/accounts.ts";
import { buildApp, hasFrontend, startDevServer, startPreviewServer, type AppEnv } from "./local/app.ts";
import { rpc, startChain } from "./local/chain.ts";
import { startIndexer, waitForIndex, type LocalIndexer } from "./local/indexer.ts";
import { ensurePortFree, freePort, PortInUseError } from "./local/ports.ts";
import { startPostgres } from "./local/postgres.ts";
import { startRelay } from "./relay/relay.ts";
import { DEMO_ARBITER, DEMO_BUYERS, DEMO_SELLERS } from "./seed/catalogue.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHAIN_ID = 31337;

const { values: flags } = parseArgs({
  options: {
    "no-seed": { type: "boolean", default: process.env.SOUK_NO_SEED === "1" },
    "fresh-ipfs": { type: "boolean", default: process.env.SOUK_FRESH_IPFS === "1" },
    "fresh-relay": { type: "boolean", default: process.env.SOUK_FRESH_RELAY === "1" },
    "chain-port": { type: "string", default: process.env.SOUK_CHAIN_PORT ?? "8545" },
    "ipfs-api-port": { type: "string", default: process.env.SOUK_IPFS_API_PORT ?? "5001" },
    "gateway-port": { type: "string", default: process.env.SOUK_GATEWAY_PORT ?? "8080" },
    "relay-port": { type: "string", default: process.env.SOUK_RELAY_PORT ?? "7777" },
    "app-port": { type: "string", default: process.env.SOUK_APP_PORT ?? "5173" },
    "indexer-port": { type: "string", default: process.env.SOUK_INDEXER_PORT ?? "42069" },
    "no-indexer": { type: "boolean", default: process.env.SOUK_NO_INDEXER === "1" },
    "postgres-port": { type: "string", default: process.env.SOUK_POSTGRES_PORT ?? "" },
    "postgres-data": { type: "string", default: process.env.SOUK_POSTGRES_DATA ?? path.join(ROOT, ".souk", "postgres") },
    "ipfs-data": { type: "string", default: process.env.SOUK_IPFS_DATA ?? path.join(ROOT, ".souk", "ipfs") },
    "relay-data": { type: "string", default: process.env.SOUK_RELAY_DATA ?? path.join(ROOT, ".souk", "relay") },
    app: { type: "string", default: process.env.SOUK_APP ?? "dev" },
    "app-out": { type: "string", default: process.env.SOUK_APP_OUT ?? path.join(ROOT, "frontend", "dist") },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  console.log(
    "npm start [-- --no-seed] [--fresh-ipfs] [--fresh-relay] [--chain-port N] [--ipfs-api-port N] [--gateway-port N] [--relay-port N] " +
      "[--app-port N] [--indexer-port N] [--no-indexer] [--postgres-port N] [--postgres-data DIR] [--ipfs-data DIR] [--relay-data DIR] " +
      "[--app dev|preview|none]",
  );
  process.exit(0);
}

const ports = {
  chain: port(flags["chain-port"], "--chain-port"),
  ipfsApi: port(flags["ipfs-api-port"], "--ipfs-api-port"),
  gateway: port(flags["gateway-port"], "--gateway-port"),
  relay: port(flags["relay-port"], "--relay-port"),
  app: port(flags["app-port"], "--app-port"),
  indexer: port(flags["indexer-port"], "--indexer-port"),
  postgres: flags["postgres-port"] === "" ? undefined : port(flags["postgres-port"], "--postgres-port"),
};
const withIndexer = !flags["no-indexer"];
if (!["dev", "preview", "none"].includes(flags.app)) {
  console.error(`--app must be dev, preview or none, not "${flags.app}".`);
  process.exit(1);
}
const withApp = flags.app !== "none" && hasFrontend();
const appOrigins = [`http://127.0.0.1:${ports.app}`, `http://localhost:${ports.app}`];

const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const { stop } of stops.reverse()) await stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
// Whatever goes wrong, never leave the children running.
process.on("uncaughtException", (error) => {
  console.error("\nUnexpected error:", error);
  void shutdown(1);
});
process.on("unhandledRejection", (error) => {
  console.error("\nUnexpected error:", error);
  void shutdown(1);
});
// If whatever started us dies without telling us (killed outright), we are re-parented: stop rather than linger.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 1_000).unref();
// A closed terminal or pipe must not crash the orchestrator (and orphan its children) on the next write.
process.stdout.on("error", () => undefined);
process.stderr.on("error", () => undefined);

const started = performance.now();
const tty = process.stdout.isTTY === true;

/**
 * Runs one start-up step with a progress line and a check mark with its time. Output the step's tools print (the
 * compiler's warnings, for instance) is held back and shown only if the step fails.
 */
async function step<T>(title: string, run: () => Promise<T>, detail?: (result: T) => string): Promise<T> {
  const begun = performance.now();
  if (tty) process.stdout.write(`  ${styleText("dim", "…")} ${title}`);
  const held: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const hold = (chunk: string | Uint8Array) => {
    held.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
    return true;
  };
  process.stdout.write = hold as typeof process.stdout.write;
  process.stderr.write = hold as typeof process.stderr.write;
  const restore = () => {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  };
  const prefix = tty ? "\r" : "";
  try {
    const result = await run();
    restore();
    const seconds = ((performance.now() - begun) / 1000).toFixed(1);
    const extra = detail === undefined ? "" : styleText("dim", `  ${detail(result)}`);
    process.stdout.write(`${prefix}  ${styleText("green", "✔")} ${title} ${styleText("dim", `(${seconds} s)`)}${extra}\n`);
    return result;
  } catch (error) {
    restore();
    process.stdout.write(`${prefix}  ${styleText("red", "✘")} ${title}\n`);
    if (held.length > 0) process.stderr.write(held.join(""));
    throw error;
  }
}

async function main(): Promise<void> {
  console.log(styleText("bold", "\nStarting Souk locally\n"));
  await step("Ports free", async () => {
    await ensurePortFree(ports.chain, "local chain", "--chain-port");
    await ensurePortFree(ports.ipfsApi, "IPFS API", "--ipfs-api-port");
    await ensurePortFree(ports.gateway, "IPFS gateway", "--gateway-port");
    await ensurePortFree(ports.relay, "Nostr relay", "--relay-port");
    if (withApp) await ensurePortFree(ports.app, "dApp", "--app-port");
    if (withIndexer) await ensurePortFree(ports.indexer, "indexer API", "--indexer-port");
    if (withIndexer && ports.postgres !== undefined && process.env.DATABASE_URL === undefined) {
      await ensurePortFree(ports.postgres, "PostgreSQL", "--postgres-port");
    }
  });

  const chain = await step(`Local chain on 127.0.0.1:${ports.chain} (chain id ${CHAIN_ID})`, () =>
    startChain({ port: ports.chain, chainId: CHAIN_ID }),
  );
  stops.push({ name: "chain", stop: chain.stop });

  const ipfs = await step(
    `IPFS node: API ${ports.ipfsApi}, gateway ${ports.gateway}`,
    () =>
      startIpfsNode({
        dataDir: flags["ipfs-data"],
        apiPort: ports.ipfsApi,
        gatewayPort: ports.gateway,
        allowedOrigins: appOrigins,
        fresh: flags["fresh-ipfs"],
      }),
    (node) => (flags["fresh-ipfs"] ? "fresh store" : `store ${path.relative(ROOT, node.dataDir) || node.dataDir}`),
  );
  stops.push({ name: "ipfs", stop: ipfs.stop });

  const relay = await step(
    `Nostr relay on 127.0.0.1:${ports.relay}`,
    () => startRelay({ port: ports.relay, dataDir: flags["relay-data"], fresh: flags["fresh-relay"] }),
    (r) => (flags["fresh-relay"] ? "fresh store" : `store ${path.relative(ROOT, r.dataDir) || r.dataDir}, ${r.repository.count()} events`),
  );
  stops.push({ name: "relay", stop: relay.stop });

  // Loaded here: importing Hardhat takes a moment and is only needed for the deployment.
  const { deployLocal } = await import("./local/deploy.ts");
  const deployer = devAccount(ROLES.deployer);
  const deployment = await step(
    "Contracts and demo tokens deployed, SDK bindings written",
    () => deployLocal({ rpcUrl: chain.url, chainId: CHAIN_ID, feeRecipient: deployer.address }),
    (d) => `escrow ${d.escrow}`,
  );

  // The indexer starts while the market is seeded and catches up with it before the banner.
  let indexer: LocalIndexer | undefined;
  let indexerStarting: Promise<LocalIndexer> | undefined;
  let databaseLabel = "";
  if (withIndexer) {
    let databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl === undefined) {
      const postgresPort = ports.postgres ?? (await freePort());
      const postgres = await step(
        `PostgreSQL on 127.0.0.1:${postgresPort}`,
        () => startPostgres({ dir: flags["postgres-data"], port: postgresPort, freshDatabase: true, durable: false }),
        (server) => `version ${server.version}, data ${path.relative(ROOT, flags["postgres-data"]) || flags["postgres-data"]}`,
      );
      stops.push({ name: "postgres", stop: postgres.stop });
      databaseUrl = postgres.url;
      databaseLabel = `PostgreSQL ${postgres.version} on 127.0.0.1:${postgresPort}`;
    } else {
      databaseLabel = `DATABASE_URL (${new URL(databaseUrl).host})`;
    }
    indexerStarting = startIndexer({
      port: ports.indexer,
      databaseUrl,
      rpcUrl: chain.url,
      chainId: CHAIN_ID,
      gatewayUrls: [ipfs.gatewayUrl],
      corsOrigins: appOrigins,
      ...(process.env.SOUK_SDK_OUT === undefined ? {} : { sdkOut: process.env.SOUK_SDK_OUT }),
    });
    // Registered now, so that a Ctrl-C during seeding stops it too.
    stops.push({ name: "indexer", stop: async () => (await indexerStarting!.catch(() => undefined))?.stop() });
  }

  if (!flags["no-seed"]) {
    const { seedMarket } = await import("./seed/seed.ts");
    await step(
      "Demo market seeded",
      () => seedMarket({ rpcUrl: chain.url, chainId: CHAIN_ID, ipfsApiUrl: ipfs.apiUrl, deployment }),
      (s) =>
        `${s.listings} listings, ${Object.values(s.orders).reduce((a, b) => a + b, 0)} orders ` +
        `(${Object.entries(s.orders)
          .map(([state, n]) => `${n} ${state.toLowerCase()}`)
          .join(", ")}), ${s.ratings} ratings`,
    );
  }

  if (!flags["no-seed"]) {
    const { seedProfiles } = await import("./seed/profiles.ts");
    await step("Demo profiles published on the relay", () => seedProfiles({ relayUrl: relay.url, chainId: CHAIN_ID }), (n) => `${n} accounts`);
  }

  if (indexerStarting !== undefined) {
    const head = Number.parseInt(await rpc<string>(chain.url, "eth_blockNumber"), 16);
    indexer = await step(`Indexer API on 127.0.0.1:${ports.indexer}`, async () => {
      const started = await indexerStarting!;
      await waitForIndex(started, head);
      return started;
    }, () => `indexed to block ${head}`);
  }

  let appUrl: string | undefined;
  if (withApp) {
    const appEnv: AppEnv = {
      chainId: CHAIN_ID,
      rpcUrl: chain.url,
      ipfsApiUrl: ipfs.apiUrl,
      gatewayUrls: [ipfs.gatewayUrl],
      relayUrls: [relay.url],
      ...(indexer === undefined ? {} : { indexerUrl: indexer.url }),
    };
    const outDir = path.resolve(flags["app-out"]);
    if (flags.app === "preview") await step("dApp built for production", () => buildApp(appEnv, outDir));
    const app = await step(`dApp ${flags.app === "preview" ? "preview" : "dev"} server on 127.0.0.1:${ports.app}`, () =>
      flags.app === "preview" ? startPreviewServer(ports.app, outDir) : startDevServer(ports.app, appEnv),
    );
    stops.push({ name: "app", stop: app.process.stop });
    appUrl = app.url;
  }

  printBanner({ appUrl, chainUrl: chain.url, ipfs, relayUrl: relay.url, deployment, indexerUrl: indexer?.url, databaseLabel });
  console.log(styleText("dim", `Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.\n`));

  // A child that dies takes the stack down with it rather than leave a half-working marketplace.
  for (const child of [chain.process, ...(indexer?.processes ?? [])]) {
    child.child.once("exit", (code) => {
      if (!stopping) {
        console.error(`\n${child.name} exited (code ${code}):\n${child.output()}`);
        void shutdown(1);
      }
    });
  }
}

function printBanner(info: {
  appUrl: string | undefined;
  chainUrl: string;
  ipfs: { apiUrl: string; gatewayUrl: string };
  indexerUrl: string | undefined;
  databaseLabel: string;
  relayUrl: string;
  deployment: { escrow: string; registry: string; reputation: string; tokens: ReadonlyArray<{ symbol: string; address: string; decimals: number }> };
}): void {
  const b = (s: string) => styleText("bold", s);
  const lines = [
    "",
    b("Souk is running"),
    "",
    info.appUrl === undefined ? "  dApp            (no frontend workspace yet)" : `  dApp            ${b(info.appUrl)}`,
    `  Chain RPC       ${info.chainUrl}   chain id ${CHAIN_ID}`,
    `  IPFS API        ${info.ipfs.apiUrl}`,
    `  IPFS gateway    ${info.ipfs.gatewayUrl}/ipfs/<cid>`,
    `  Nostr relay     ${info.relayUrl}`,
    ...(info.indexerUrl === undefined
      ? ["  Indexer         off (--no-indexer): the dApp reads the chain only"]
      : [
          `  Indexer API     ${info.indexerUrl}/api/listings   (health ${info.indexerUrl}/health, docs/API.md)`,
          `  GraphQL         ${info.indexerUrl}/graphql`,
          `  Database        ${info.databaseLabel}`,
        ]),
    "",
    `  Escrow          ${info.deployment.escrow}`,
    `  Registry        ${info.deployment.registry}`,
    `  Reputation      ${info.deployment.reputation}`,
    ...info.deployment.tokens.map((t) => `  ${`${t.symbol} token`.padEnd(16)}${t.address}   ${t.decimals} decimals`),
    "",
    b("Test accounts") + " (10,000 ETH each; buyers also hold 50,000 DUSD and DGLD)",
    ...accountLines(),
    "",
    "  To use one in a browser wallet (MetaMask, Rabby, …): add a network with RPC URL " +
      `${info.chainUrl} and chain id ${CHAIN_ID},`,
    "  then import an account with its private key. These keys are public: never send real funds to them.",
    "",
    b("The chain starts empty on every npm start") + " (Hardhat's node cannot keep its state): the demo market is set up again,",
    "  and what you did before is gone. A wallet that used it before still counts the old chain's transactions and refuses",
    '  to send ("nonce too high"): clear its activity for this network (MetaMask: Settings → Advanced → Clear activity tab data).',
    "",
  ];
  console.log(lines.join("\n"));
}

function accountLines(): string[] {
  const row = (role: string, index: number, name?: string) => {
    const account = devAccount(index);
    return `  ${role.padEnd(9)} ${(name ?? "").padEnd(16)} ${account.address}  key ${account.privateKey}`;
  };
  return [
    ...ROLES.sellers.map((index, i) => row("seller", index, DEMO_SELLERS[i]?.name)),
    ...ROLES.buyers.map((index, i) => row("buyer", index, DEMO_BUYERS[i]?.name)),
    row("arbiter", ROLES.arbiter, DEMO_ARBITER.name),
    row("owner", ROLES.deployer, "governance"),
  ];
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) {
    console.error(`${flag} must be a port number between 1 and 65535, not "${value}".`);
    process.exit(1);
  }
  return n;
}

main().catch(async (error: unknown) => {
  if (error instanceof PortInUseError) console.error(`\n${error.message}\n`);
  else console.error("\nStarting Souk failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  await shutdown(1);
});
