import { replySchema, reviewSchema } from "@souk/sdk/schemas";
import { Link } from "react-router";
import type { Address } from "viem";

import { AddressView } from "../../components/address.tsx";
import { Skeleton } from "../../components/states.tsx";
import { Stars } from "../../components/stars.tsx";
import { useDocument } from "../../hooks/use-document.ts";
import { useReviewsOf, type ReviewEntry } from "../../hooks/use-reviews.ts";
import { useStats } from "../../hooks/use-stats.ts";
import { formatCount } from "./count.ts";

/** Who sells this: address, rating as seller, completed sales, and the three latest reviews with replies. */
export function SellerSummary({ seller }: { seller: Address }) {
  const { stats, isError: statsFailed } = useStats(seller);
  const reviews = useReviewsOf(seller);
  const asSeller = (reviews.data ?? []).filter((r) => r.role === "Seller").slice(0, 3);

  return (
    <section aria-labelledby="seller-heading" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="seller-heading" className="text-xl font-semibold">
          About the seller
        </h2>
        <Link to={`/profile/${seller}`} className="text-sm font-medium text-brand hover:underline">
          Full profile and all reviews →
        </Link>
      </div>

      <div className="card flex flex-wrap items-center gap-x-8 gap-y-4 p-5">
        <div className="flex items-center gap-3">
          <span aria-hidden="true" className="flex size-12 items-center justify-center rounded-full bg-brand-soft text-lg font-bold text-brand">
            {seller.slice(2, 4).toUpperCase()}
          </span>
          <div>
            <p className="text-xs text-muted">Sold by</p>
            <AddressView address={seller} />
          </div>
        </div>
        <dl className="flex flex-wrap gap-x-8 gap-y-3 text-sm">
          <div>
            <dt className="text-xs text-muted">Rating as seller</dt>
            <dd className="mt-0.5">
              {stats === undefined ? (
                statsFailed ? <span className="text-muted">Unavailable</span> : <Skeleton className="h-5 w-28" />
              ) : (
                <Stars value={stats.asSeller.average} count={stats.asSeller.ratings} />
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Completed sales</dt>
            <dd className="mt-0.5 font-semibold">
              {stats === undefined ? (statsFailed ? "—" : <Skeleton className="h-5 w-10" />) : formatCount(stats.asSeller.completed)}
            </dd>
          </div>
        </dl>
      </div>

      <div className="flex flex-col gap-3">
        <h3 className="text-sm font-semibold text-muted">Latest reviews</h3>
        {reviews.isPending ? (
          <div className="flex flex-col gap-3" aria-hidden="true">
            <Skeleton className="h-24 w-full" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : reviews.isError ? (
          <p className="text-sm text-muted">The reviews could not be loaded right now.</p>
        ) : asSeller.length === 0 ? (
          <p className="card p-5 text-sm text-muted">No reviews yet. Reviews can only be written after a real, completed order.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {asSeller.map((review) => (
              <li key={review.orderId.toString()}>
                <ReviewCard review={review} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function ReviewCard({ review }: { review: ReviewEntry }) {
  const text = useDocument(reviewSchema, review.reviewDigest, "review");
  const reply = useDocument(replySchema, review.reply?.digest, "reply");
  return (
    <article className="card flex flex-col gap-3 p-5">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <Stars value={review.score} />
        <span className="text-xs text-muted">
          by <AddressView address={review.rater} />
        </span>
      </header>
      {text.status === "empty" ? (
        <p className="text-sm text-muted italic">A rating without a written review.</p>
      ) : text.status === "loading" ? (
        <Skeleton className="h-10 w-full" />
      ) : text.status === "ready" ? (
        text.value.text === "" ? (
          <p className="text-sm text-muted italic">A rating without a written review.</p>
        ) : (
          <p className="text-sm leading-relaxed break-words whitespace-pre-line">{text.value.text}</p>
        )
      ) : (
        <p className="text-sm text-muted">{documentProblem(text.status)}</p>
      )}
      {review.reply !== undefined && (
        <div className="rounded-[var(--radius-control)] border-l-4 border-brand bg-surface-muted px-4 py-3">
          <p className="text-xs font-semibold text-muted">Seller's reply</p>
          {reply.status === "ready" ? (
            <p className="mt-1 text-sm break-words whitespace-pre-line">{reply.value.text}</p>
          ) : reply.status === "loading" ? (
            <Skeleton className="mt-1 h-4 w-3/4" />
          ) : (
            <p className="mt-1 text-sm text-muted">{documentProblem(reply.status)}</p>
          )}
        </div>
      )}
    </article>
  );
}

function documentProblem(status: "empty" | "invalid" | "unverified" | "too-large" | "missing" | "unreachable"): string {
  switch (status) {
    case "too-large":
      return "This text is too large to show.";
    case "unverified":
      return "This text could not be verified, so it is not shown.";
    case "invalid":
      return "This text is not in a format Souk can show.";
    case "missing":
    case "unreachable":
      return "This text could not be loaded right now.";
    default:
      return "No text.";
  }
}
