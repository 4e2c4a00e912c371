import { conversationKey, parseMessage, transcriptDigest, transcriptRumors, type Message, type ShippingAddress } from "@souk/sdk/messaging";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Address, Hex } from "viem";

import { env } from "../../app/env.ts";
import { useListing } from "../../hooks/use-listing.ts";
import { useMessages, useMessaging } from "../../hooks/use-messaging.ts";
import { useProfile } from "../../hooks/use-profile.ts";
import { loadAddress, saveAddress } from "../../lib/messaging/saved-address.ts";
import type { Order } from "../../lib/orders.ts";
import { Button } from "../button.tsx";
import { AddressForm } from "./address-form.tsx";
import { AddressBlock, Thread } from "./thread.tsx";

export interface CitedEvidence {
  author: Address;
  digest: Hex;
}

/**
 * The order's private thread: buyer and seller, and the arbiter once a dispute is open (each party's client then
 * forwards the thread to the arbiter, re-encrypted to the arbiter's key). The delivery address the buyer sent, which
 * the buyer can correct until the order is shipped. In a dispute, a party can cite the exact transcript on chain.
 */
export interface OrderThreadProps {
  order: Order;
  disputed: boolean;
  evidence: readonly CitedEvidence[];
  /** The button that records a transcript digest on chain (the order feature's transaction). */
  renderCite: (digest: Hex) => ReactNode;
}

export default function OrderThread({ order, disputed, evidence, renderCite }: OrderThreadProps) {
  const conversation = useMemo(() => ({ type: "order" as const, chainId: env.chainId, orderId: order.id }), [order.id]);
  const participants = disputed ? [order.buyer, order.seller, order.arbiter] : [order.buyer, order.seller];
  const select = useMemo(() => (messages: readonly Message[]) => orderMessages(messages, conversationKey(conversation)), [conversation]);
  return (
    <Thread
      conversation={conversation}
      participants={participants}
      heading={disputed ? "Messages (the arbiter can read them)" : "Messages with the other side"}
      select={select}
      emptyText="No messages yet. Only the buyer and the seller can read them (and the arbiter, if a dispute is opened)."
    >
      <OrderExtras order={order} disputed={disputed} evidence={evidence} renderCite={renderCite} />
    </Thread>
  );
}

/** The order's messages as each party sees them: forwards shown as their originals, each message once, in order. */
function orderMessages(messages: readonly Message[], key: string): Message[] {
  const own = messages.filter((m) => conversationKey(m.conversation) === key);
  const originals = transcriptRumors(own);
  return originals.map((rumor) => parseMessage(rumor)).filter((m): m is Message => m !== null);
}

function OrderExtras({ order, disputed, evidence, renderCite }: OrderThreadProps) {
  const { state, account } = useMessaging();
  const { messages } = useMessages();
  const client = state.status === "ready" ? state.session.client : undefined;
  const key = conversationKey({ type: "order", chainId: env.chainId, orderId: order.id });
  const all = useMemo(() => messages.filter((m) => conversationKey(m.conversation) === key), [messages, key]);
  const thread = useMemo(() => orderMessages(all, key), [all, key]);
  const me = account?.toLowerCase();
  const role = me === order.buyer.toLowerCase() ? "buyer" : me === order.seller.toLowerCase() ? "seller" : me === order.arbiter.toLowerCase() ? "arbiter" : undefined;
  const buyerKey = useProfile(order.buyer).data?.pubkey;
  const arbiterProfile = useProfile(disputed ? order.arbiter : undefined).data;
  const sellerProfile = useProfile(order.seller).data;

  // In a dispute, each party forwards to the arbiter what the arbiter has not received: re-encrypted, not re-written.
  const forwarding = useRef(new Set<string>());
  useEffect(() => {
    if (!disputed || client === undefined || (role !== "buyer" && role !== "seller")) return;
    const arbiterKey = arbiterProfile?.verified === true ? arbiterProfile.pubkey : undefined;
    if (arbiterKey === undefined) return;
    const forwardedByMe = new Set(all.filter((m) => m.author === client.signer.pubkey && m.body.type === "forward").map((m) => (m.body as { original: { id: string } }).original.id));
    const missing = thread.filter((m) => !m.recipients.includes(arbiterKey) && m.author !== arbiterKey && !forwardedByMe.has(m.id) && !forwarding.current.has(m.id));
    for (const m of missing) forwarding.current.add(m.id);
    void (async () => {
      for (const m of missing) {
        await client.send(m.conversation, [arbiterKey], { type: "forward", original: m.rumor }).catch(() => forwarding.current.delete(m.id));
      }
    })();
  }, [disputed, client, role, arbiterProfile, all, thread]);

  const addresses = thread.filter((m): m is Message & { body: { type: "shipping-address"; address: ShippingAddress } } => m.body.type === "shipping-address" && m.author === buyerKey);
  const latest = addresses[addresses.length - 1]?.body.address;

  return (
    <div className="flex flex-col gap-4">
      <DeliveryAddress order={order} role={role} latest={latest} sellerKey={sellerProfile?.verified === true ? sellerProfile.pubkey : undefined} />
      {(disputed || evidence.length > 0) && <Transcript role={role} thread={thread} evidence={evidence} disputed={disputed} renderCite={renderCite} />}
    </div>
  );
}

function DeliveryAddress({
  order,
  role,
  latest,
  sellerKey,
}: {
  order: Order;
  role: "buyer" | "seller" | "arbiter" | undefined;
  latest: ShippingAddress | undefined;
  sellerKey: string | undefined;
}) {
  const { state, account } = useMessaging();
  const client = state.status === "ready" ? state.session.client : undefined;
  const metadata = useListing(order.listingId).metadata;
  const ships = metadata.status === "ready" && metadata.value.delivery?.method === "shipping";
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<ShippingAddress | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (client !== undefined && account !== undefined && role === "buyer") void loadAddress(account, client.signer).then(setSaved);
  }, [client, account, role]);

  if (latest === undefined && !(ships && role === "buyer")) return null;
  const editable = role === "buyer" && order.state === "Funded";
  return (
    <div className="rounded-[var(--radius-control)] border border-border p-3 text-sm" data-testid="delivery-address">
      <h3 className="mb-1 font-semibold">{role === "seller" ? "Deliver to" : "Delivery address"}</h3>
      {latest !== undefined ? (
        <AddressBlock address={latest} />
      ) : (
        <p className="text-muted">{role === "buyer" ? "You have not sent a delivery address yet." : "The buyer has not sent a delivery address yet."}</p>
      )}
      {role === "seller" && latest !== undefined && <p className="mt-1 text-xs text-muted">Sent encrypted to you: only you and the buyer can read it.</p>}
      {editable && !editing && (
        <Button className="mt-2" size="sm" variant="secondary" onClick={() => setEditing(true)}>
          {latest === undefined ? "Send a delivery address" : "Correct the address"}
        </Button>
      )}
      {editable && editing && client !== undefined && account !== undefined && (
        <div className="mt-3">
          {sellerKey === undefined ? (
            <p className="text-warning">The seller has not turned on messages yet: the address cannot be sent securely.</p>
          ) : (
            <AddressForm
              initial={latest ?? saved}
              submitLabel="Send to the seller"
              busy={busy}
              onSubmit={async (address) => {
                setBusy(true);
                setError(undefined);
                try {
                  await client.send({ type: "order", chainId: env.chainId, orderId: order.id }, [sellerKey], { type: "shipping-address", address });
                  await saveAddress(account, client.signer, address);
                  setEditing(false);
                } catch (e) {
                  setError(e instanceof Error ? e.message : String(e));
                } finally {
                  setBusy(false);
                }
              }}
            />
          )}
          {error !== undefined && <p className="mt-2 text-danger">{error}</p>}
        </div>
      )}
    </div>
  );
}

/** The digests of every prefix of the transcript: a citation made earlier matches the messages there were then. */
function prefixDigests(thread: readonly Message[]): Map<string, number> {
  const digests = new Map<string, number>();
  for (let n = 1; n <= thread.length; n++) digests.set(transcriptDigest(thread.slice(0, n)).toLowerCase(), n);
  return digests;
}

function Transcript({
  role,
  thread,
  evidence,
  disputed,
  renderCite,
}: {
  role: "buyer" | "seller" | "arbiter" | undefined;
  thread: readonly Message[];
  evidence: readonly CitedEvidence[];
  disputed: boolean;
  renderCite: (digest: Hex) => ReactNode;
}) {
  const digests = useMemo(() => prefixDigests(thread), [thread]);
  const cited = evidence.map((e) => ({ ...e, matches: digests.get(e.digest.toLowerCase()) })).filter((e) => e.matches !== undefined);
  const current = thread.length === 0 ? undefined : transcriptDigest(thread);
  return (
    <div className="rounded-[var(--radius-control)] border border-border p-3 text-sm" data-testid="transcript">
      <h3 className="mb-1 font-semibold">Conversation as evidence</h3>
      {cited.map((c) => (
        <p key={c.digest} className="text-success" data-testid="transcript-match">
          Cited on chain: digest {c.digest.slice(0, 10)}… matches the first {c.matches} message{c.matches === 1 ? "" : "s"} shown here.
        </p>
      ))}
      {current !== undefined && (
        <p className="text-muted">
          This conversation ({thread.length} message{thread.length === 1 ? "" : "s"}) has the SHA-256 digest{" "}
          <code className="break-all" data-testid="transcript-digest">{current}</code>.
        </p>
      )}
      {disputed && (role === "buyer" || role === "seller") && current !== undefined && !cited.some((c) => c.matches === thread.length) && (
        <>
          <p className="mt-2 text-muted">
            Citing it records this digest on chain with your evidence: the messages stay private, and nobody can change them afterwards
            without the digest showing it.
          </p>
          {renderCite(current)}
        </>
      )}
    </div>
  );
}
