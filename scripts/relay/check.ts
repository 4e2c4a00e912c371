// Checks that a Nostr relay works for Souk, from this machine: it must store and serve NIP-59 gift wraps (kind 1059,
// back-dated up to two days, read by `#p`) and profiles (kind 0, read by `#i`), without NIP-42 authentication.
// Usage: node --import tsx scripts/relay/check.ts wss://relay.example [more relays...]
// It publishes one gift wrap to a throw-away key and one throw-away profile (both unreadable to anyone and harmless).
import { buildMessage, giftWrap, GIFT_WRAP_KIND, secretKeySigner } from "@souk/sdk/messaging";
import { SimplePool } from "nostr-tools/pool";
import { finalizeEvent, generateSecretKey } from "nostr-tools/pure";

/** A plain WebSocket open first: nostr-tools' pool recurses on Node when a relay cannot be reached at all. */
function reachable(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => done(false), 8_000);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      ws.onopen = ws.onerror = null;
      if (ws.readyState === WebSocket.OPEN) ws.close();
      resolve(ok);
    };
    ws.onopen = () => done(true);
    ws.onerror = () => done(false);
  });
}

async function check(url: string): Promise<string[]> {
  if (!(await reachable(url))) return ["cannot connect"];
  const problems: string[] = [];
  const pool = new SimplePool();
  try {
    const sender = secretKeySigner(generateSecretKey(), "browser");
    const recipient = secretKeySigner(generateSecretKey(), "browser");
    const { wraps } = await giftWrap(sender, buildMessage({ type: "listing", chainId: 0, listingId: 0n }, [recipient.pubkey], { type: "text", text: "relay check", images: [] }), [recipient.pubkey]);
    const wrap = wraps[0]!;
    wrap.created_at = Math.floor(Date.now() / 1000) - 2 * 86_400 + 60; // as far back as NIP-59 allows
    const backdated = finalizeEvent({ kind: GIFT_WRAP_KIND, content: wrap.content, tags: wrap.tags, created_at: wrap.created_at }, generateSecretKey());
    try {
      await Promise.any(pool.publish([url], backdated, { maxWait: 8_000 }));
    } catch (error) {
      problems.push(`refused a gift wrap: ${String((error as AggregateError).errors?.[0] ?? error)}`);
    }
    const found = await pool.querySync([url], { kinds: [GIFT_WRAP_KIND], "#p": [recipient.pubkey] }, { maxWait: 8_000 });
    if (!found.some((event) => event.id === backdated.id)) problems.push("did not return the gift wrap for its #p (it may require NIP-42 AUTH to read)");

    const tag = `eip155:0:0x${Buffer.from(generateSecretKey()).toString("hex").slice(0, 40)}`;
    const profile = finalizeEvent({ kind: 0, content: JSON.stringify({ name: "relay check" }), tags: [["i", tag]], created_at: Math.floor(Date.now() / 1000) }, generateSecretKey());
    try {
      await Promise.any(pool.publish([url], profile, { maxWait: 8_000 }));
    } catch (error) {
      problems.push(`refused a profile: ${String((error as AggregateError).errors?.[0] ?? error)}`);
    }
    const profiles = await pool.querySync([url], { kinds: [0], "#i": [tag] }, { maxWait: 8_000 });
    if (!profiles.some((event) => event.id === profile.id)) problems.push("did not return a profile by its #i tag");
  } finally {
    pool.close([url]);
  }
  return problems;
}

const urls = process.argv.slice(2);
if (urls.length === 0) {
  console.error("Usage: node --import tsx scripts/relay/check.ts wss://relay.example [more relays...]");
  process.exit(2);
}
let failed = false;
for (const url of urls) {
  const problems = await check(url).catch((error: unknown) => [`cannot connect: ${String(error)}`]);
  failed ||= problems.length > 0;
  console.log(problems.length === 0 ? `✔ ${url} works for Souk` : `✘ ${url}: ${problems.join("; ")}`);
}
process.exit(failed ? 1 : 0);
