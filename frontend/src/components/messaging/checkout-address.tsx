import type { ShippingAddress } from "@souk/sdk/messaging";
import { useEffect, useRef, useState } from "react";
import type { Address } from "viem";

import { env } from "../../app/env.ts";
import { useMessaging } from "../../hooks/use-messaging.ts";
import { useProfile } from "../../hooks/use-profile.ts";
import { loadAddress, saveAddress } from "../../lib/messaging/saved-address.ts";
import { Button } from "../button.tsx";
import { AddressForm } from "./address-form.tsx";
import { StartMessaging } from "./start-messaging.tsx";
import { AddressBlock } from "./thread.tsx";

type Sending = { status: "idle" } | { status: "sending" } | { status: "sent" } | { status: "failed"; error: string };

/**
 * The delivery address at checkout, for listings that ship: kept encrypted in this browser for next time, and sent
 * to the seller, encrypted to the seller's key, as soon as the purchase has an order id.
 */
export default function CheckoutAddress({ seller, orderId }: { seller: Address; orderId: bigint | undefined }) {
  const { state, account } = useMessaging();
  const client = state.status === "ready" ? state.session.client : undefined;
  const sellerProfile = useProfile(seller).data;
  const sellerKey = sellerProfile?.verified === true ? sellerProfile.pubkey : undefined;
  const [address, setAddress] = useState<ShippingAddress | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [sending, setSending] = useState<Sending>({ status: "idle" });
  const sentFor = useRef<bigint | undefined>(undefined);

  useEffect(() => {
    if (client === undefined || account === undefined) return;
    void loadAddress(account, client.signer).then((saved) => {
      setAddress((current) => current ?? saved);
      if (saved === undefined) setEditing(true);
    });
  }, [client, account]);

  useEffect(() => {
    if (orderId === undefined || address === undefined || client === undefined || sellerKey === undefined) return;
    if (sending.status !== "idle" || sentFor.current === orderId) return;
    sentFor.current = orderId;
    setSending({ status: "sending" });
    client
      .send({ type: "order", chainId: env.chainId, orderId }, [sellerKey], { type: "shipping-address", address })
      .then(() => setSending({ status: "sent" }))
      .catch((e: unknown) => {
        sentFor.current = undefined;
        setSending({ status: "failed", error: e instanceof Error ? e.message : String(e) });
      });
  }, [orderId, address, client, sellerKey, sending.status]);

  if (account === undefined) return null;
  return (
    <section className="flex flex-col gap-2 rounded-[var(--radius-control)] border border-border p-4 text-sm" data-testid="checkout-address">
      <h3 className="font-semibold">Delivery address</h3>
      {client === undefined ? (
        <>
          <p className="text-muted">This item ships. Turn on messages to give the seller your address privately: only the seller can read it.</p>
          <StartMessaging compact />
        </>
      ) : sellerKey === undefined ? (
        <p className="text-warning">The seller has not turned on messages yet, so your address cannot be sent securely. Agree on delivery with them after buying.</p>
      ) : sending.status === "sent" ? (
        <p className="text-success" role="status">
          Your address was sent to the seller, encrypted. You can correct it on the order page until the order ships.
        </p>
      ) : editing || address === undefined ? (
        <AddressForm
          initial={address}
          submitLabel={orderId === undefined ? "Use this address" : "Send to the seller"}
          onSubmit={async (value) => {
            await saveAddress(account, client.signer, value);
            setAddress(value);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <AddressBlock address={address} />
          <p className="text-xs text-muted">
            {orderId === undefined ? "Sent to the seller, encrypted, right after you pay. Kept encrypted in this browser for next time." : "Sending to the seller…"}
          </p>
          {orderId === undefined && (
            <Button size="sm" variant="secondary" className="self-start" onClick={() => setEditing(true)}>
              Change
            </Button>
          )}
        </>
      )}
      {sending.status === "failed" && (
        <p className="text-danger" role="alert">
          The address could not be sent: {sending.error}{" "}
          <Button size="sm" variant="secondary" onClick={() => setSending({ status: "idle" })}>
            Try again
          </Button>
        </p>
      )}
    </section>
  );
}
