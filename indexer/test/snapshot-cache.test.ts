/**
 * The snapshot cache (server/snapshot-cache.ts) on a real PostgreSQL: an answer is served again while nothing was
 * written, computed again after any committed write (another connection's, as Ponder's or the document fetcher's
 * would be), shared by concurrent requests, kept warm in the background while asked for, and not kept when it fails.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { freePort } from "../../scripts/local/ports.ts";
import { startPostgres, type PostgresServer } from "../../scripts/local/postgres.ts";
import { SnapshotCache } from "../server/snapshot-cache.ts";

let dir: string;
let postgres: PostgresServer;
let pool: pg.Pool;
let writer: pg.Client;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "souk-snapshot-cache-"));
  postgres = await startPostgres({ dir, port: await freePort(), database: "cache_test", freshDatabase: true });
  pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
  // Idle connections end with the server at the close.
  pool.on("error", () => undefined);
  writer = new pg.Client({ connectionString: postgres.url });
  await writer.connect();
  await writer.query("CREATE TABLE counter (n integer NOT NULL)");
  await writer.query("INSERT INTO counter VALUES (0)");
}, 120_000);

afterAll(async () => {
  await writer?.end();
  await pool?.end();
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Reads the counter through the pool, counting how often it was computed. */
function counterReader() {
  const reader = {
    computed: 0,
    read: async () => {
      reader.computed++;
      return (await pool.query<{ n: number }>("SELECT n FROM counter")).rows[0]!.n;
    },
  };
  return reader;
}

describe("snapshot cache", () => {
  it("serves an answer again until a write commits, then computes the new state", async () => {
    const cache = new SnapshotCache<number>(pool);
    const reader = counterReader();
    expect(await cache.get("n", reader.read)).toEqual({ value: 0, outcome: "miss" });
    // Reads, and transactions that only read, change nothing.
    await pool.query("BEGIN; SELECT count(*) FROM counter; COMMIT");
    expect(await cache.get("n", reader.read)).toEqual({ value: 0, outcome: "hit" });
    expect(reader.computed).toBe(1);

    await writer.query("UPDATE counter SET n = n + 1");
    expect(await cache.get("n", reader.read)).toEqual({ value: 1, outcome: "miss" });
    expect(await cache.get("n", reader.read)).toEqual({ value: 1, outcome: "hit" });

    // A write still in progress is invisible, so the answer stands; its commit changes it.
    await writer.query("BEGIN");
    await writer.query("UPDATE counter SET n = n + 1");
    expect(await cache.get("n", reader.read)).toEqual({ value: 1, outcome: "hit" });
    await writer.query("COMMIT");
    expect(await cache.get("n", reader.read)).toEqual({ value: 2, outcome: "miss" });
    expect(reader.computed).toBe(3);
  });

  it("keys are apart, concurrent requests share one computation, and the least recently used key goes first", async () => {
    const cache = new SnapshotCache<number>(pool, { capacity: 2 });
    const reader = counterReader();
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.get("a", reader.read)));
    expect(reader.computed).toBe(1);
    expect(new Set(answers.map((a) => a.value)).size).toBe(1);
    const afterA = reader.computed;
    await cache.get("b", reader.read);
    await cache.get("a", reader.read);
    await cache.get("c", reader.read); // evicts b, used longest ago
    expect(reader.computed).toBe(afterA + 2);
    expect((await cache.get("a", reader.read)).outcome).toBe("hit");
    expect((await cache.get("b", reader.read)).outcome).toBe("miss");
  });

  it("keeps a key asked for recently warm: computed again in the background after a write, so the next request finds it", async () => {
    const cache = new SnapshotCache<number>(pool, { keepWarmForMs: 60_000, checkEveryMs: 20 });
    const reader = counterReader();
    const before = (await cache.get("n", reader.read)).value;
    await writer.query("UPDATE counter SET n = n + 1");
    await vi.waitFor(() => expect(reader.computed).toBe(2), { timeout: 5_000, interval: 10 });
    expect(await cache.get("n", reader.read)).toEqual({ value: before + 1, outcome: "hit" });
    expect(reader.computed).toBe(2);
  });

  it("stops computing a key in the background once nobody has asked for it for a while", async () => {
    const cache = new SnapshotCache<number>(pool, { keepWarmForMs: 50, checkEveryMs: 10 });
    const reader = counterReader();
    await cache.get("n", reader.read);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writer.query("UPDATE counter SET n = n + 1");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reader.computed).toBe(1);
    expect((await cache.get("n", reader.read)).outcome).toBe("miss");
  });

  it("does not keep a failure: the next request computes again", async () => {
    const cache = new SnapshotCache<number>(pool);
    await expect(cache.get("n", () => Promise.reject(new Error("database went away")))).rejects.toThrow("database went away");
    expect((await cache.get("n", counterReader().read)).outcome).toBe("miss");
  });
});
