/**
 * What the relay can see of Souk's messages, end to end through nostr-tools' own relay pool (the dApp's client):
 * the stored rows and the database file hold neither the plaintext nor the sender's key, and the recipient reads the
 * message back after a restart.
 */
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { buildMessage, giftWrap, GIFT_WRAP_KIND, parseMessage, secretKeySigner, unwrapGift } from "@souk/sdk/messaging";
import { SimplePool } from "nostr-tools/pool";
import { generateSecretKey } from "nostr-tools/pure";
import { afterEach, describe, expect, it } from "vitest";

import { startRelay, type Relay } from "./relay.ts";

let relay: Relay | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await relay?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

describe("gift-wrap privacy at the relay", () => {
  it("stores neither plaintext nor the parties' keys (only the recipient's, as the wrap's p tag)", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "souk-relay-privacy-"));
    relay = await startRelay({ port: 0, dataDir });
    const buyer = secretKeySigner(generateSecretKey(), "derived");
    const seller = secretKeySigner(generateSecretKey(), "derived");
    const address = { name: "Ada Buyer", line1: "1 Harbour Street", city: "Porto", postalCode: "4000-001", country: "Portugal" };
    const conversation = { type: "order", chainId: 31337, orderId: 42n } as const;
    const { wraps: addressWraps } = await giftWrap(buyer, buildMessage(conversation, [seller.pubkey], { type: "shipping-address", address }), [seller.pubkey]);
    const { wraps: textWraps } = await giftWrap(buyer, buildMessage(conversation, [seller.pubkey], { type: "text", text: "Please ring twice", images: [] }), [seller.pubkey]);

    const pool = new SimplePool();
    try {
      for (const wrap of [...addressWraps, ...textWraps]) await Promise.all(pool.publish([relay.url], wrap));
    } finally {
      pool.close([relay.url]);
    }

    const rows = relay.repository.rawRows();
    expect(rows).toHaveLength(4);
    const stored = JSON.stringify(rows);
    for (const secret of ["Harbour", "Ada Buyer", "Porto", "Please ring twice", "order:31337:42", "souk-type"]) expect(stored).not.toContain(secret);
    // The seller's copies name only the seller; the buyer's own copies only the buyer: never both in one row.
    for (const row of rows) expect(row.json.includes(buyer.pubkey) && row.json.includes(seller.pubkey)).toBe(false);
    expect(rows.filter((row) => row.tags === `p=${seller.pubkey}`)).toHaveLength(2);
    await relay.stop();

    // The database files themselves (SQLite, write-ahead log): not a byte of plaintext.
    for (const file of await readdir(dataDir)) {
      const bytes = (await readFile(path.join(dataDir, file))).toString("latin1");
      for (const secret of ["Harbour", "Ada Buyer", "Please ring twice"]) expect(bytes).not.toContain(secret);
    }

    // After a restart the seller, offline until now, reads both messages.
    relay = await startRelay({ port: 0, dataDir });
    const reader = new SimplePool();
    try {
      const wraps = await reader.querySync([relay.url], { kinds: [GIFT_WRAP_KIND], "#p": [seller.pubkey] });
      const messages = await Promise.all(wraps.map(async (wrap) => parseMessage(await unwrapGift(seller, wrap))));
      expect(messages.map((m) => m?.body.type).sort()).toEqual(["shipping-address", "text"]);
      expect(messages.find((m) => m?.body.type === "shipping-address")?.body).toEqual({ type: "shipping-address", address });
    } finally {
      reader.close([relay.url]);
    }
  });
});
