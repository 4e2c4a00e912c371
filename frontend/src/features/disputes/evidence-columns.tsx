import type { ReactNode } from "react";
import type { Address } from "viem";

import { AddressView } from "../../components/address.tsx";
import type { Order, TimelineEntry } from "../../lib/orders.ts";
import { EvidenceView, FulfillmentNoteView } from "../../components/document-views.tsx";
import { formatDateTime } from "../../lib/format-time.ts";
import { evidenceOf, fulfillmentNoteOf, type EvidenceItem } from "../../lib/timeline-events.ts";
import { TxLink } from "../../components/tx-link.tsx";

/** Both sides' evidence next to each other (stacked on small screens), each piece attributed and dated. */
export function EvidenceColumns({ order, entries }: { order: Order; entries: TimelineEntry[] }) {
  const evidence = evidenceOf(entries, order);
  const note = fulfillmentNoteOf(entries);
  const fulfilledAt = entries.find((entry) => entry.name === "OrderFulfilled");
  const of = (party: EvidenceItem["party"]) => evidence.filter((item) => item.party === party);
  const arbiterNotes = of("arbiter");
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <Column heading="The buyer's side" address={order.buyer} accent="border-t-brand">
          {of("buyer").length === 0 ? <Empty>The buyer has not submitted evidence.</Empty> : of("buyer").map((item) => <Piece key={item.transactionHash + item.digest} item={item} />)}
        </Column>
        <Column heading="The seller's side" address={order.seller} accent="border-t-accent">
          {note !== undefined && fulfilledAt !== undefined && (
            <Card label="Note when marking as shipped" timestamp={fulfilledAt.timestamp} hash={fulfilledAt.transactionHash}>
              <FulfillmentNoteView digest={note} />
            </Card>
          )}
          {of("seller").length === 0 ? (
            <Empty>The seller has not submitted evidence yet.</Empty>
          ) : (
            of("seller").map((item) => <Piece key={item.transactionHash + item.digest} item={item} />)
          )}
        </Column>
      </div>
      {arbiterNotes.length > 0 && (
        <Column heading="Your notes" address={order.arbiter} accent="border-t-muted">
          {arbiterNotes.map((item) => (
            <Piece key={item.transactionHash + item.digest} item={item} />
          ))}
        </Column>
      )}
    </div>
  );
}

function Column({ heading, address, accent, children }: { heading: string; address: Address; accent: string; children: ReactNode }) {
  return (
    <section className={`card flex flex-col gap-4 border-t-4 p-5 ${accent}`} aria-label={heading}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{heading}</h3>
        <AddressView address={address} />
      </div>
      {children}
    </section>
  );
}

function Piece({ item }: { item: EvidenceItem }) {
  return (
    <Card label={item.party === "arbiter" ? "Note" : item.opening ? "Opening statement" : "Further evidence"} timestamp={item.timestamp} hash={item.transactionHash}>
      <EvidenceView digest={item.digest} />
    </Card>
  );
}

function Card({ label, timestamp, hash, children }: { label: string; timestamp: number; hash: `0x${string}`; children: ReactNode }) {
  return (
    <article className="flex flex-col gap-2 border-t border-border pt-4 first-of-type:border-t-0 first-of-type:pt-0">
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-xs font-semibold tracking-wide text-muted uppercase">{label}</span>
        <span className="flex flex-wrap gap-x-3 text-xs text-muted">
          <time dateTime={new Date(timestamp * 1000).toISOString()}>{formatDateTime(timestamp)}</time>
          <TxLink hash={hash} />
        </span>
      </header>
      {children}
    </article>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-[var(--radius-control)] bg-surface-muted px-3 py-4 text-center text-sm text-muted">{children}</p>;
}
