import { listingOfOrder, orderLabel } from "@souk/sdk/contracts";
import { replySchema, reviewSchema } from "@souk/sdk/schemas";
import { useId, useRef, useState, type Ref } from "react";
import { Link } from "react-router";
import { useBlock } from "wagmi";

import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { useDocument } from "../../hooks/use-document.ts";
import { useListing } from "../../hooks/use-listing.ts";
import type { ReviewEntry } from "../../hooks/use-reviews.ts";
import { Avatar } from "./avatar.tsx";
import { DocumentStatus } from "../../components/document-views.tsx";
import { ReplyForm } from "./reply-form.tsx";
import type { PublishReply } from "./use-reply.ts";
import { StarGlyphs } from "./star-glyphs.tsx";

export interface ReplyControls {
  publish: PublishReply;
  drafts: ReadonlyMap<string, string>;
  setDraft: (orderId: bigint, text: string) => void;
  /** Why the owner cannot publish right now, if so. */
  blockedReason?: string;
}

/**
 * One rating received: score, who gave it, for which order and item, when, the written review and the reply.
 * `reply` is set only when the viewer is the profile's owner (the one account allowed to answer).
 */
export function ReviewCard({ review, reply, ref }: { review: ReviewEntry; reply?: ReplyControls; ref?: Ref<HTMLElement> }) {
  const titleId = useId();
  const text = useDocument(reviewSchema, review.reviewDigest, "review");
  const raterRole = review.role === "Seller" ? "buyer" : "seller";
  return (
    <article ref={ref} tabIndex={-1} aria-labelledby={titleId} className="card flex flex-col gap-4 p-5 sm:p-6" data-testid="review">
      <header className="flex items-start gap-3">
        <Avatar address={review.rater} size="sm" />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <h3 id={titleId} className="sr-only">
            {review.score} out of 5 stars from the {raterRole}, order {orderLabel(review.orderId)}
          </h3>
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <div className="flex items-center gap-2">
              <StarGlyphs value={review.score} label={`${review.score} out of 5 stars`} className="text-lg leading-none" />
              <span className="rounded-full bg-surface-muted px-2.5 py-0.5 text-xs font-medium text-muted">
                {review.role === "Seller" ? "As seller" : "As buyer"}
              </span>
            </div>
            <span className="text-sm text-muted">
              <BlockDate blockNumber={review.blockNumber} />
            </span>
          </div>
          <p className="flex flex-wrap items-center gap-x-1.5 text-sm text-muted">
            <span>From the {raterRole}</span>
            <AddressView address={review.rater} />
          </p>
        </div>
      </header>

      <OrderLine orderId={review.orderId} />

      <DocumentStatus state={text} what="written review" emptyText="Rating without a written review.">
        {(value) => (
          <div className="flex flex-col gap-3">
            {value.text === "" ? (
              <p className="text-sm text-muted italic">Rating without a written review.</p>
            ) : (
              <p className="leading-relaxed whitespace-pre-line wrap-anywhere">{value.text}</p>
            )}
            {value.images !== undefined && value.images.length > 0 && (
              <ul className="flex flex-wrap gap-2" aria-label="Photos in this review">
                {value.images.map((image) => (
                  <li key={image.cid}>
                    <VerifiedImage cid={image.cid} alt={image.alt ?? "Photo from the reviewer"} className="size-20 rounded-[var(--radius-control)]" />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </DocumentStatus>

      {review.reply !== undefined ? (
        <ReplyView author={review.reply.author} digest={review.reply.digest} />
      ) : (
        reply !== undefined && <ReplyArea review={review} controls={reply} />
      )}
    </article>
  );
}

function OrderLine({ orderId }: { orderId: bigint }) {
  const listingId = listingOfOrder(orderId);
  const { listing, metadata } = useListing(listingId);
  return (
    <p className="text-sm text-muted">
      {listing !== undefined && (
        <>
          <Link to={`/listing/${listingId}`} className="font-medium text-text wrap-anywhere hover:underline">
            {metadata.status === "ready" ? metadata.value.title : `Listing #${listingId}`}
          </Link>
          <span aria-hidden="true">{"\u00a0· "}</span>
        </>
      )}
      <Link to={`/orders/${orderId}`} className="whitespace-nowrap text-brand hover:underline">
        Order {orderLabel(orderId)}
      </Link>
    </p>
  );
}

const DATE = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

/** When the rating was recorded: the block's time, or its number until the block is read. */
function BlockDate({ blockNumber }: { blockNumber: bigint }) {
  const { data: block } = useBlock({ blockNumber, query: { staleTime: Infinity, gcTime: 60 * 60_000 } });
  if (block === undefined) return <span>block {blockNumber.toString()}</span>;
  const date = new Date(Number(block.timestamp) * 1000);
  return (
    <time dateTime={date.toISOString()} title={`${DATE_TIME.format(date)} (block ${blockNumber})`}>
      {DATE.format(date)}
    </time>
  );
}

function ReplyView({ author, digest }: { author: string; digest: `0x${string}` }) {
  const text = useDocument(replySchema, digest, "reply");
  return (
    <div className="rounded-[var(--radius-control)] border-l-4 border-brand bg-surface-muted px-4 py-3" data-testid="reply">
      <p className="mb-1 flex flex-wrap items-center gap-x-1.5 text-sm font-medium">
        Reply from <AddressView address={author} profile={false} />
      </p>
      <DocumentStatus state={text} what="reply" emptyText="No text.">
        {(value) => <p className="text-sm leading-relaxed whitespace-pre-line wrap-anywhere">{value.text}</p>}
      </DocumentStatus>
    </div>
  );
}

function ReplyArea({ review, controls }: { review: ReviewEntry; controls: ReplyControls }) {
  const key = review.orderId.toString();
  const draft = controls.drafts.get(key) ?? "";
  const [open, setOpen] = useState(draft !== "");
  const [published, setPublished] = useState(false);
  const opener = useRef<HTMLDivElement>(null);
  if (published) {
    return (
      <p role="status" className="rounded-[var(--radius-control)] bg-success-soft px-3 py-2 text-sm text-success">
        Your reply is published. It appears here as soon as the network has it.
      </p>
    );
  }
  if (!open) {
    return (
      <div ref={opener} className="flex flex-wrap items-center gap-3 border-t border-border pt-4">
        <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
          {draft === "" ? "Reply" : "Continue your reply"}
        </Button>
        <span className="text-xs text-muted">You can answer each review once, publicly.</span>
      </div>
    );
  }
  return (
    <div className="border-t border-border pt-4">
      <ReplyForm
        draft={draft}
        onDraftChange={(text) => controls.setDraft(review.orderId, text)}
        blockedReason={controls.blockedReason}
        onCancel={() => {
          setOpen(false);
          requestAnimationFrame(() => opener.current?.querySelector("button")?.focus());
        }}
        onPublish={async (text, progress) => {
          const outcome = await controls.publish(review.orderId, text, progress);
          if (outcome.ok) {
            controls.setDraft(review.orderId, "");
            setPublished(true);
          }
          return outcome;
        }}
      />
    </div>
  );
}
