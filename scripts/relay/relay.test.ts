import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_LIMITS, startRelay, type Relay, type RelayLimits } from "./relay.ts";
import { connect, keys, signed, sleep, type RawClient } from "./testing.ts";

let dataDir: string;
let relay: Relay | undefined;
const clients: RawClient[] = [];

async function start(limits: Partial<RelayLimits> = {}): Promise<Relay> {
  relay = await startRelay({ port: 0, dataDir, limits });
  return relay;
}
async function client(): Promise<RawClient> {
  const c = await connect(relay!.url);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "souk-relay-"));
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await relay?.stop();
  relay = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe("storage", () => {
  it("keeps events across a restart and answers filters on ids, authors, kinds, tags, time and limit", async () => {
    await start();
    const alice = keys();
    const bob = keys();
    const now = Math.floor(Date.now() / 1000);
    const note = signed(alice.secret, { kind: 1, content: "hello", created_at: now - 10 });
    const tagged = signed(alice.secret, { kind: 1, content: "to bob", tags: [["p", bob.pubkey]], created_at: now - 5 });
    const other = signed(bob.secret, { kind: 7, content: "+", created_at: now });
    const writer = await client();
    for (const event of [note, tagged, other]) expect(await writer.publish(event)).toEqual([true, ""]);
    await relay!.stop();
    relay = undefined;

    await start();
    const reader = await client();
    expect((await reader.query("all", {})).map((e) => e.id)).toEqual([other.id, tagged.id, note.id]);
    expect((await reader.query("ids", { ids: [note.id] })).map((e) => e.content)).toEqual(["hello"]);
    expect((await reader.query("authors", { authors: [bob.pubkey] })).map((e) => e.id)).toEqual([other.id]);
    expect((await reader.query("kinds", { kinds: [1] })).length).toBe(2);
    expect((await reader.query("tag", { "#p": [bob.pubkey] })).map((e) => e.id)).toEqual([tagged.id]);
    expect((await reader.query("since", { since: now - 5 })).length).toBe(2);
    expect((await reader.query("until", { until: now - 6 })).map((e) => e.id)).toEqual([note.id]);
    expect((await reader.query("limit", { limit: 1 })).map((e) => e.id)).toEqual([other.id]);
    expect((await reader.query("two", { kinds: [7] }, { ids: [note.id] })).length).toBe(2);
    // The event itself, byte for byte, including its signature.
    expect((await reader.query("exact", { ids: [tagged.id] }))[0]).toEqual(JSON.parse(JSON.stringify(tagged)));
  });

  it("answers a duplicate as such and stores it once", async () => {
    await start();
    const alice = keys();
    const event = signed(alice.secret, { kind: 1, content: "once" });
    const c = await client();
    expect(await c.publish(event)).toEqual([true, ""]);
    const [ok, reason] = await c.publish(event);
    expect(ok).toBe(true);
    expect(reason).toMatch(/^duplicate:/);
    expect(relay!.repository.count()).toBe(1);
  });

  it("keeps only the newest replaceable event (kind 0 and 10002) per author, and refuses an older one", async () => {
    await start();
    const alice = keys();
    const now = Math.floor(Date.now() / 1000);
    const c = await client();
    const first = signed(alice.secret, { kind: 0, content: '{"name":"first"}', created_at: now - 100 });
    const second = signed(alice.secret, { kind: 0, content: '{"name":"second"}', created_at: now - 50 });
    expect((await c.publish(first))[0]).toBe(true);
    expect((await c.publish(second))[0]).toBe(true);
    const stale = signed(alice.secret, { kind: 0, content: '{"name":"stale"}', created_at: now - 75 });
    const [ok, reason] = await c.publish(stale);
    expect(ok).toBe(false);
    expect(reason).toMatch(/^duplicate: a newer version/);
    const relays = signed(alice.secret, { kind: 10002, tags: [["r", "ws://127.0.0.1:7777"]], created_at: now - 40 });
    const relays2 = signed(alice.secret, { kind: 10002, tags: [["r", "wss://relay.example"]], created_at: now - 30 });
    await c.publish(relays);
    await c.publish(relays2);
    const profiles = await c.query("p", { authors: [alice.pubkey], kinds: [0, 10002] });
    expect(profiles.map((e) => e.id).sort()).toEqual([second.id, relays2.id].sort());
    expect(relay!.repository.count()).toBe(2);
  });

  it("keeps parameterised replaceable events (kind 30402) per author, kind and d tag", async () => {
    await start();
    const alice = keys();
    const now = Math.floor(Date.now() / 1000);
    const c = await client();
    const a1 = signed(alice.secret, { kind: 30402, tags: [["d", "listing-1"]], content: "v1", created_at: now - 20 });
    const b1 = signed(alice.secret, { kind: 30402, tags: [["d", "listing-2"]], content: "other", created_at: now - 20 });
    const a2 = signed(alice.secret, { kind: 30402, tags: [["d", "listing-1"]], content: "v2", created_at: now - 10 });
    for (const event of [a1, b1, a2]) expect((await c.publish(event))[0]).toBe(true);
    const stored = await c.query("l", { kinds: [30402], authors: [alice.pubkey] });
    expect(stored.map((e) => e.content).sort()).toEqual(["other", "v2"]);
    expect((await c.query("d", { kinds: [30402], "#d": ["listing-1"] })).map((e) => e.content)).toEqual(["v2"]);
  });

  it("deletes an author's own events on a NIP-09 request, never someone else's", async () => {
    await start();
    const alice = keys();
    const mallory = keys();
    const c = await client();
    const mine = signed(alice.secret, { kind: 1, content: "mine" });
    await c.publish(mine);
    const forged = signed(mallory.secret, { kind: 5, tags: [["e", mine.id]] });
    await c.publish(forged);
    expect((await c.query("still", { ids: [mine.id] })).length).toBe(1);
    await c.publish(signed(alice.secret, { kind: 5, tags: [["e", mine.id]] }));
    expect((await c.query("gone", { ids: [mine.id] })).length).toBe(0);
  });

  it("never returns an expired event (NIP-40)", async () => {
    await start();
    const alice = keys();
    const c = await client();
    // Three seconds of life: room enough to be read back on a loaded machine.
    const soon = Math.floor(Date.now() / 1000) + 3;
    const expiring = signed(alice.secret, { kind: 1, content: "brief", tags: [["expiration", String(soon)]] });
    expect((await c.publish(expiring))[0]).toBe(true);
    expect((await c.query("before", { ids: [expiring.id] })).length).toBe(1);
    await sleep(soon * 1000 - Date.now() + 1_100);
    expect((await c.query("after", { ids: [expiring.id] })).length).toBe(0);
    // One already expired is refused outright.
    const expired = signed(alice.secret, { kind: 1, content: "late", tags: [["expiration", String(soon - 10)]] });
    expect(await c.publish(expired)).toEqual([false, "reject: event is expired"]);
  });
});

describe("subscriptions", () => {
  it("delivers new events live, after EOSE, only to subscriptions whose filters (tags included) match", async () => {
    await start();
    const alice = keys();
    const bob = keys();
    const carol = keys();
    const sender = keys();
    const bobClient = await client();
    const carolClient = await client();
    await bobClient.query("bob-wraps", { kinds: [1059], "#p": [bob.pubkey] });
    await carolClient.query("carol-wraps", { kinds: [1059], "#p": [carol.pubkey] });

    const toBob = signed(sender.secret, { kind: 1059, tags: [["p", bob.pubkey]], content: "ciphertext-for-bob" });
    const toAlice = signed(sender.secret, { kind: 1059, tags: [["p", alice.pubkey]], content: "ciphertext-for-alice" });
    const publisher = await client();
    await publisher.publish(toAlice);
    await publisher.publish(toBob);

    const delivered = await bobClient.next((m) => m[0] === "EVENT" && m[1] === "bob-wraps");
    expect((delivered[2] as { id: string }).id).toBe(toBob.id);
    await sleep(200);
    // On the wire, not just after a client's own filtering: nobody received the wrap addressed to Alice.
    const wire = [...bobClient.received, ...carolClient.received].filter((m) => m[0] === "EVENT");
    expect(wire.map((m) => (m[2] as { id: string }).id)).toEqual([toBob.id]);
  });

  it("stops delivering after CLOSE and after a REQ replaces a subscription", async () => {
    await start();
    const alice = keys();
    const c = await client();
    await c.query("s", { kinds: [1] });
    await c.query("s", { kinds: [7] });
    const publisher = await client();
    await publisher.publish(signed(alice.secret, { kind: 1, content: "not wanted any more" }));
    const reaction = signed(alice.secret, { kind: 7, content: "+" });
    await publisher.publish(reaction);
    await c.next((m) => m[0] === "EVENT" && (m[2] as { id: string }).id === reaction.id);
    c.send(["CLOSE", "s"]);
    await sleep(100);
    await publisher.publish(signed(alice.secret, { kind: 7, content: "after close" }));
    await sleep(200);
    expect(c.received.filter((m) => m[0] === "EVENT").length).toBe(1);
  });

  it("answers identical requests in quick succession with fresh results (no stale cache)", async () => {
    await start();
    const alice = keys();
    const c = await client();
    expect(await c.query("a", { kinds: [1] })).toEqual([]);
    await c.publish(signed(alice.secret, { kind: 1, content: "new" }));
    expect((await c.query("b", { kinds: [1] })).length).toBe(1);
  });
});

describe("limits and malformed input", () => {
  it("refuses malformed messages and events with a reason, storing nothing", async () => {
    await start();
    const alice = keys();
    const c = await client();
    c.sendText("not json");
    await c.next((m) => m[0] === "NOTICE" && String(m[1]).startsWith("invalid"));
    c.send(["EVENT", { kind: 1 }]);
    await c.next((m) => m[0] === "NOTICE" && c.received.indexOf(m) === 1);
    c.send(["HELLO"]);
    await c.next((m) => m[0] === "NOTICE" && c.received.indexOf(m) === 2);

    const good = signed(alice.secret, { kind: 1, content: "original" });
    const [okContent, whyContent] = await c.publish({ ...good, content: "tampered" });
    expect([okContent, whyContent]).toEqual([false, "invalid: id is wrong"]);
    const other = signed(keys().secret, { kind: 1, content: "original" });
    const [okSig, whySig] = await c.publish({ ...good, sig: other.sig });
    expect([okSig, whySig]).toEqual([false, "invalid: signature is wrong"]);
    expect(relay!.repository.count()).toBe(0);
  });

  it("refuses content, tags and timestamps beyond the limits", async () => {
    await start({ maxContentLength: 1_000, maxTags: 5 });
    const alice = keys();
    const c = await client();
    const long = signed(alice.secret, { kind: 1, content: "x".repeat(1_001) });
    c.send(["EVENT", long]);
    await c.next((m) => m[0] === "NOTICE" && /content/.test(String(m[1])));
    const tags = signed(alice.secret, { kind: 1, tags: Array.from({ length: 6 }, (_, i) => ["t", `t${i}`]) });
    c.send(["EVENT", tags]);
    await c.next((m) => m[0] === "NOTICE" && /tags/.test(String(m[1])));
    const future = signed(alice.secret, { kind: 1, created_at: Math.floor(Date.now() / 1000) + 3_600 });
    const [ok, reason] = await c.publish(future);
    expect(ok).toBe(false);
    expect(reason).toMatch(/future/);
    // Back-dated events are normal (gift wraps are randomised up to two days back).
    const past = signed(alice.secret, { kind: 1, created_at: Math.floor(Date.now() / 1000) - 2 * 86_400 });
    expect((await c.publish(past))[0]).toBe(true);
    expect(relay!.repository.count()).toBe(1);
  });

  it("closes a connection that sends a message over the size limit", async () => {
    await start({ maxMessageBytes: 10_000 });
    const alice = keys();
    const c = await client();
    c.send(["EVENT", signed(alice.secret, { kind: 1, content: "y".repeat(20_000) })]);
    const { code } = await c.closed;
    expect(code).toBe(1009);
    expect(relay!.repository.count()).toBe(0);
  });

  it("rate-limits events and requests per connection, and recovers", async () => {
    await start({ eventsPerSecond: 2, eventBurst: 3, requestsPerSecond: 2, requestBurst: 3 });
    const alice = keys();
    const c = await client();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => c.publish(signed(alice.secret, { kind: 1, content: `n${i}` }))));
    expect(answers.filter(([ok]) => ok).length).toBe(3);
    expect(answers.filter(([ok, why]) => !ok && why.startsWith("rate-limited")).length).toBe(2);
    const requests = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => c.query(`r${i}`, { kinds: [1] })));
    expect(requests.filter((r) => r.status === "rejected" && /rate-limited/.test(String(r.reason))).length).toBe(2);
    await sleep(1_100);
    expect((await c.publish(signed(alice.secret, { kind: 1, content: "later" })))[0]).toBe(true);
    // Another connection has its own allowance.
    const other = await client();
    expect((await other.publish(signed(alice.secret, { kind: 1, content: "other" })))[0]).toBe(true);
  });

  it("limits subscriptions per connection and filters per request", async () => {
    await start({ maxSubscriptions: 2, maxFiltersPerRequest: 2 });
    const c = await client();
    await c.query("one", { kinds: [1] });
    await c.query("two", { kinds: [1] });
    await expect(c.query("three", { kinds: [1] })).rejects.toThrow(/too many subscriptions/);
    c.send(["CLOSE", "one"]);
    await expect(c.query("three", { kinds: [1] })).resolves.toEqual([]);
    await expect(c.query("four", { kinds: [1] }, { kinds: [2] }, { kinds: [3] })).rejects.toThrow(/at most 2 filters/);
  });

  it("limits connections per address", async () => {
    await start({ maxConnectionsPerIp: 2 });
    await client();
    await client();
    const third = await client();
    expect((await third.closed).code).toBe(1008);
  });
});

describe("operation", () => {
  it("serves its NIP-11 information document with the limits", async () => {
    await start();
    const response = await fetch(relay!.url.replace("ws:", "http:"), { headers: { Accept: "application/nostr+json" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const info = (await response.json()) as { supported_nips: number[]; limitation: { max_message_length: number } };
    expect(info.supported_nips).toContain(59);
    expect(info.limitation.max_message_length).toBe(DEFAULT_LIMITS.maxMessageBytes);
  });

  it("refuses to start on a port in use, naming it", async () => {
    await start();
    await expect(startRelay({ port: relay!.port, dataDir })).rejects.toThrow(`port ${relay!.port}`);
  });
});
