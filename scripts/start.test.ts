/**
 * `npm start` end to end: the orchestrator brings up chain, IPFS, contracts, the seeded market and the dApp on
 * free ports, everything it seeded is real and verifiable, and Ctrl-C leaves no process and no port behind.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import {
  digestToCid,
  escrowAbi,
  listingMetadataSchema,
  listingRegistryAbi,
  ORDER_STATES,
  parseDocument,
  reputationAbi,
  reviewSchema,
  verifyBlock,
} from "@souk/sdk";
import { accountTag, readProfile } from "@souk/sdk/messaging";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readDeployments } from "./export-sdk.ts";
import { hasFrontend } from "./local/app.ts";
import { devAccount, ROLES } from "./local/accounts.ts";
import { ensurePortFree, freePort } from "./local/ports.ts";
import { READY_BANNER, runStart, type StartRun } from "./local/stack.ts";
import { connect, keys, signed } from "./relay/testing.ts";
import { DEMO_ARBITER } from "./seed/catalogue.ts";

describe("npm start", () => {
  let tmp: string;
  let run: StartRun;
  let ports: { chain: number; api: number; gateway: number; relay: number; app: number; indexer: number };

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "souk-start-"));
    ports = {
      chain: await freePort(),
      api: await freePort(),
      gateway: await freePort(),
      relay: await freePort(),
      app: await freePort(),
      indexer: await freePort(),
    };
    run = runStart(
      [
        "--chain-port", String(ports.chain),
        "--ipfs-api-port", String(ports.api),
        "--gateway-port", String(ports.gateway),
        "--relay-port", String(ports.relay),
        "--app-port", String(ports.app),
        "--indexer-port", String(ports.indexer),
        "--postgres-data", path.join(tmp, "postgres"),
        "--ipfs-data", path.join(tmp, "ipfs"),
        "--relay-data", path.join(tmp, "relay"),
        "--fresh-ipfs",
        "--fresh-relay",
      ],
      { env: { SOUK_IGNITION_DIR: path.join(tmp, "ignition"), SOUK_SDK_OUT: path.join(tmp, "sdk") } },
    );
    await run.waitFor(READY_BANNER, 150_000);
  }, 180_000);

  afterAll(async () => {
    if (run.child.exitCode === null) {
      run.child.kill("SIGINT");
      await run.exited;
    }
    await rm(tmp, { recursive: true, force: true });
  });

  it("prints progress with check marks, the URLs, the addresses and importable test accounts", () => {
    const out = run.output();
    const steps = [
      "Local chain",
      "IPFS node",
      "Nostr relay",
      "Contracts and demo tokens deployed",
      "PostgreSQL",
      "Demo market seeded",
      "Demo profiles published",
      "Indexer API",
    ];
    if (hasFrontend()) steps.push("dApp dev server");
    for (const step of steps) {
      expect(out).toMatch(new RegExp(`✔ ${step}.*\\(\\d+\\.\\d s\\)`));
    }
    expect(out).toContain(`http://127.0.0.1:${ports.chain}`);
    expect(out).toContain(`Indexer API     http://127.0.0.1:${ports.indexer}/api/listings`);
    expect(out).toMatch(/Database {8}PostgreSQL \d+\.\d+ on 127\.0\.0\.1:\d+/);
    // The start-up time is printed (README: measured on an idle machine); a loaded CI machine is not a benchmark.
    expect(out).toMatch(/Ready in \d+\.\d s\. Ctrl-C stops everything/);
    expect(out).toMatch(new RegExp(`Nostr relay\\s+ws://127\\.0\\.0\\.1:${ports.relay}`));
    if (hasFrontend()) expect(out).toContain(`http://127.0.0.1:${ports.app}`);
    expect(out).toMatch(/seller\s+\S.*0x[0-9a-fA-F]{40}\s+key 0x[0-9a-f]{64}/);
    expect(out).toMatch(/buyer\s+\S.*key 0x/);
    expect(out).toMatch(/arbiter\s+\S.*key 0x/);
    expect(out).toContain("import an account with its private key");
    // The chain keeps nothing across restarts (scripts/local/chain.test.ts): the banner says so, and what to do.
    expect(out).toContain("The chain starts empty on every npm start");
    expect(out).toContain("MetaMask: Settings → Advanced → Clear activity tab data");
  });

  it("seeds a verifiable market: listings from several sellers in ETH and both tokens, orders in every state, reviews", async () => {
    const [deployment] = await readDeployments(path.join(tmp, "ignition", "deployments"));
    expect(deployment?.chainId).toBe(31337);
    const client = createPublicClient({ transport: http(`http://127.0.0.1:${ports.chain}`) });
    const [created, placed, rated] = await Promise.all([
      client.getContractEvents({ address: deployment!.registry as `0x${string}`, abi: listingRegistryAbi, eventName: "ListingCreated", fromBlock: 0n }),
      client.getContractEvents({ address: deployment!.escrow as `0x${string}`, abi: escrowAbi, eventName: "OrderPlaced", fromBlock: 0n }),
      client.getContractEvents({ address: deployment!.reputation as `0x${string}`, abi: reputationAbi, eventName: "Rated", fromBlock: 0n }),
    ]);
    expect(created.length).toBeGreaterThanOrEqual(12);
    expect(new Set(created.map((e) => e.args.seller)).size).toBeGreaterThanOrEqual(3);
    const tokens = new Set(created.map((e) => e.args.token!.toLowerCase()));
    expect(tokens).toEqual(
      new Set(["0x0000000000000000000000000000000000000000", ...deployment!.tokens.map((t) => t.address.toLowerCase())]),
    );

    const states = new Set<string>();
    for (const event of placed) {
      const order = await client.readContract({
        address: deployment!.escrow as `0x${string}`,
        abi: escrowAbi,
        functionName: "getOrder",
        args: [event.args.orderId!],
      });
      states.add(ORDER_STATES[order.state]!);
    }
    for (const state of ["Funded", "Fulfilled", "Completed", "Disputed", "Settled", "Ruled", "Declined"]) {
      expect(states, `an order ${state}`).toContain(state);
    }
    expect(rated.length).toBeGreaterThanOrEqual(6);

    // Every document is on the node and is what the chain says it is.
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    const metadata = parseDocument(listingMetadataSchema, await fetchRaw(gateway, digestToCid(created[0]!.args.metadataDigest!)));
    expect(metadata.ok).toBe(true);
    const image = metadata.ok ? metadata.value.images[0]! : undefined;
    const imageBytes = await fetchRaw(gateway, image!.cid);
    expect(await verifyBlock(image!.cid, imageBytes)).toBe(true);
    expect(String.fromCharCode(...imageBytes.slice(8, 12))).toBe("WEBP");
    const withText = rated.find((e) => !/^0x0+$/.test(e.args.reviewDigest!));
    const review = parseDocument(reviewSchema, await fetchRaw(gateway, digestToCid(withText!.args.reviewDigest!)));
    expect(review.ok && review.value.text.length).toBeGreaterThan(10);
  });

  it("serves the indexer's API over the seeded market, caught up with the chain", async () => {
    const [deployment] = await readDeployments(path.join(tmp, "ignition", "deployments"));
    const client = createPublicClient({ transport: http(`http://127.0.0.1:${ports.chain}`) });
    const created = await client.getContractEvents({ address: deployment!.registry as `0x${string}`, abi: listingRegistryAbi, eventName: "ListingCreated", fromBlock: 0n });
    const base = `http://127.0.0.1:${ports.indexer}`;
    const health = (await (await fetch(`${base}/health`)).json()) as { chainId: number; block: number; synced: boolean };
    expect(health).toMatchObject({ chainId: 31337, block: Number(await client.getBlockNumber()), synced: true });
    const listings = (await (await fetch(`${base}/api/listings?status=all&pageSize=100`)).json()) as { total: number; items: Array<{ metadata: { status: string } }> };
    expect(listings.total).toBe(created.length);
    // Every seeded document was fetched and verified before the banner.
    expect(listings.items.every((item) => item.metadata.status === "valid")).toBe(true);
    const cors = await fetch(`${base}/api/stats`, { headers: { origin: `http://127.0.0.1:${ports.app}` } });
    expect(cors.headers.get("access-control-allow-origin")).toBe(`http://127.0.0.1:${ports.app}`);
  });

  it("--no-indexer keeps the chain-only mode: no PostgreSQL, no indexer", async () => {
    const chainOnly = { chain: await freePort(), api: await freePort(), gateway: await freePort(), relay: await freePort(), indexer: await freePort() };
    const second = runStart(
      [
        "--no-seed", "--no-indexer", "--app", "none",
        "--chain-port", String(chainOnly.chain),
        "--ipfs-api-port", String(chainOnly.api),
        "--gateway-port", String(chainOnly.gateway),
        "--relay-port", String(chainOnly.relay),
        "--indexer-port", String(chainOnly.indexer),
        "--ipfs-data", path.join(tmp, "ipfs-chain-only"),
        "--relay-data", path.join(tmp, "relay-chain-only"),
      ],
      { env: { SOUK_IGNITION_DIR: path.join(tmp, "ignition-chain-only"), SOUK_SDK_OUT: path.join(tmp, "sdk-chain-only") } },
    );
    try {
      await second.waitFor(READY_BANNER, 120_000);
      expect(second.output()).toContain("Indexer         off (--no-indexer)");
      expect(second.output()).not.toContain("PostgreSQL on");
      await expect(ensurePortFree(chainOnly.indexer, "test", "--x")).resolves.toBeUndefined();
    } finally {
      second.child.kill("SIGINT");
      await second.exited;
    }
  }, 150_000);

  it.runIf(hasFrontend())("serves the dApp", async () => {
    const response = await fetch(`http://127.0.0.1:${ports.app}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it("runs the Nostr relay, storing events under the chosen folder", async () => {
    const client = await connect(`ws://127.0.0.1:${ports.relay}`);
    try {
      const author = keys();
      const note = signed(author.secret, { kind: 1, content: "hello relay" });
      expect(await client.publish(note)).toEqual([true, ""]);
      expect((await client.query("q", { ids: [note.id] })).map((e) => e.content)).toEqual(["hello relay"]);
      expect(existsSync(path.join(tmp, "relay", "events.sqlite"))).toBe(true);
      // The demo accounts' profiles, each with a binding that verifies.
      const profiles = await client.query("profiles", { kinds: [0], "#i": [accountTag(31337, devAccount(ROLES.arbiter).address)] });
      const view = await readProfile(profiles[0]!, { chainId: 31337 });
      expect(view).toMatchObject({ verified: true, profile: { displayName: DEMO_ARBITER.name } });
    } finally {
      client.close();
    }
  });

  it("refuses to start when a port is taken, naming the port and the way out", async () => {
    const blocker = net.createServer();
    const taken = await freePort();
    await new Promise<void>((resolve) => blocker.listen(taken, "127.0.0.1", resolve));
    try {
      const second = runStart(["--chain-port", String(taken), "--no-seed"]);
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`Port ${taken} (local chain) is already in use`);
      expect(second.output()).toContain("--chain-port");
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("stops every process and frees every port on Ctrl-C", async () => {
    const postgresPort = Number(/PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(run.output())![1]);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    for (const port of [...Object.values(ports), postgresPort]) {
      await expect(ensurePortFree(port, "test", "--x")).resolves.toBeUndefined();
    }
  }, 30_000);
});

async function fetchRaw(gateway: string, cid: string): Promise<Uint8Array> {
  const response = await fetch(`${gateway}/ipfs/${cid}?format=raw`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}
