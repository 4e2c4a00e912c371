import type { UseQueryResult } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useAccount } from "wagmi";

import { chain } from "../../app/chain.ts";
import { Button } from "../../components/button.tsx";
import { ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import type { ReviewEntry } from "../../hooks/use-reviews.ts";
import { ReviewCard, type ReplyControls } from "./review-card.tsx";
import {
  countByRole,
  filterReviews,
  newestFirst,
  parseRoleFilter,
  plural,
  REVIEWS_PAGE_SIZE,
  ROLE_FILTERS,
  type RoleFilter,
} from "./reviews.ts";
import { useReplyPublisher } from "./use-reply.ts";

const FILTER_LABEL: Record<RoleFilter, string> = { all: "All", seller: "As seller", buyer: "As buyer" };

/** Every rating the account received, newest first, filterable by role (in the URL), a page at a time. */
export function ReviewsSection({ reviews, isOwner }: { reviews: UseQueryResult<ReviewEntry[]>; isOwner: boolean }) {
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const filter = parseRoleFilter(params.get("reviews"));
  const sorted = useMemo(() => (reviews.data === undefined ? undefined : newestFirst(reviews.data)), [reviews.data]);
  const counts = sorted === undefined ? undefined : countByRole(sorted);
  const shown = useMemo(() => (sorted === undefined ? undefined : filterReviews(sorted, filter)), [sorted, filter]);
  const replyControls = useReplyControls(isOwner);

  const choose = (next: RoleFilter) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === "all") updated.delete("reviews");
        else updated.set("reviews", next);
        return updated;
      },
      { replace: true, preventScrollReset: true },
    );

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-5" id="reviews">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-xl font-semibold tracking-tight">
            Reviews
          </h2>
          <p className="text-sm text-muted">
            {counts === undefined ? "Ratings from completed trades." : `${plural(counts.all, "rating")} from real trades, newest first.`}
          </p>
        </div>
        <div role="group" aria-label="Show reviews received" className="flex rounded-[var(--radius-control)] border border-border bg-surface p-1">
          {ROLE_FILTERS.map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={filter === value}
              onClick={() => choose(value)}
              className={`rounded-[calc(var(--radius-control)-0.25rem)] px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors ${
                filter === value ? "bg-brand-soft text-brand" : "text-muted hover:bg-surface-muted hover:text-text"
              }`}
            >
              {FILTER_LABEL[value]}
              {counts !== undefined && <span className="ml-1.5 tabular-nums opacity-80">{counts[value]}</span>}
            </button>
          ))}
        </div>
      </div>

      {isOwner && shown !== undefined && shown.some((r) => r.reply === undefined) && (
        <p className="rounded-[var(--radius-control)] bg-brand-soft px-4 py-3 text-sm text-text">
          This is your profile: you can publicly answer each review you received, once. Replies cannot be edited later.
        </p>
      )}

      {reviews.isError && sorted === undefined ? (
        <ErrorState
          title="Reviews could not be loaded"
          message="The blockchain node did not answer. Check your connection; Souk tries again automatically."
          onRetry={() => void reviews.refetch()}
        />
      ) : shown === undefined ? (
        <LoadingRegion label="Loading reviews">
          <div className="flex flex-col gap-4">
            {[0, 1, 2].map((i) => (
              <div key={i} className="card flex flex-col gap-3 p-5">
                <div className="flex items-center gap-3">
                  <Skeleton className="size-9" />
                  <div className="flex flex-1 flex-col gap-2">
                    <Skeleton className="h-4 w-28" />
                    <Skeleton className="h-3 w-48" />
                  </div>
                </div>
                <Skeleton className="h-3.5 w-full" />
                <Skeleton className="h-3.5 w-3/4" />
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : shown.length === 0 ? (
        <NoReviews filter={filter} any={(counts?.all ?? 0) > 0} onShowAll={() => choose("all")} />
      ) : (
        <ReviewPages key={filter} reviews={shown} reply={isOwner ? replyControls : undefined} />
      )}
    </section>
  );
}

function useReplyControls(isOwner: boolean): ReplyControls {
  const publish = useReplyPublisher();
  const { chainId, isConnected } = useAccount();
  const [drafts, setDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  const setDraft = useCallback((orderId: bigint, text: string) => {
    setDrafts((current) => new Map(current).set(orderId.toString(), text));
  }, []);
  const blockedReason =
    !isOwner || !isConnected ? undefined : chainId !== chain.id ? `Switch your wallet to ${chain.name} to publish a reply.` : undefined;
  return { publish, drafts, setDraft, blockedReason };
}

/** A page of reviews and "Show more"; focus moves to the first newly shown review so keyboard users keep their place. */
function ReviewPages({ reviews, reply }: { reviews: ReviewEntry[]; reply: ReplyControls | undefined }) {
  const [visible, setVisible] = useState(REVIEWS_PAGE_SIZE);
  const firstNew = useRef<HTMLElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | undefined>();
  useEffect(() => {
    if (focusIndex !== undefined) firstNew.current?.focus();
  }, [focusIndex]);
  const page = reviews.slice(0, visible);
  const remaining = reviews.length - page.length;
  return (
    <>
      <ol className="flex flex-col gap-4">
        {page.map((review, i) => (
          <li key={review.orderId.toString()}>
            <ReviewCard review={review} reply={reply} ref={i === focusIndex ? firstNew : undefined} />
          </li>
        ))}
      </ol>
      <div className="flex flex-col items-center gap-2">
        <p aria-live="polite" className="text-sm text-muted">
          Showing {page.length} of {plural(reviews.length, "review")}
        </p>
        {remaining > 0 && (
          <Button
            variant="secondary"
            onClick={() => {
              setFocusIndex(visible);
              setVisible((v) => v + REVIEWS_PAGE_SIZE);
            }}
          >
            Show {Math.min(REVIEWS_PAGE_SIZE, remaining)} more
          </Button>
        )}
      </div>
    </>
  );
}

function NoReviews({ filter, any, onShowAll }: { filter: RoleFilter; any: boolean; onShowAll: () => void }) {
  const title = filter === "all" ? "No reviews yet" : `No reviews ${filter === "seller" ? "as a seller" : "as a buyer"} yet`;
  return (
    <div className="card flex flex-col items-center gap-2 px-6 py-10 text-center">
      <span aria-hidden="true" className="text-3xl text-border">
        ★★★★★
      </span>
      <h3 className="text-base font-semibold">{title}</h3>
      <p className="max-w-sm text-sm text-muted">
        Only the other side of a real trade can leave a review, once the order has ended. They will appear here.
      </p>
      {any && (
        <button type="button" className="mt-1 text-sm font-medium text-brand underline" onClick={onShowAll}>
          Show all reviews
        </button>
      )}
    </div>
  );
}
