import { orderLabel, reputationAbi } from "@souk/sdk/contracts";
import { reviewSchema } from "@souk/sdk/schemas";
import { useRef, useState, type FormEvent } from "react";

import { Button } from "../../../components/button.tsx";
import { Field } from "../../../components/field.tsx";
import { useDocument } from "../../../hooks/use-document.ts";
import { requireContracts } from "../../../lib/deployment.ts";
import type { Order } from "../../../lib/orders.ts";
import { uploadDocument } from "../../../lib/upload.ts";
import { DocumentStatus, DocumentText } from "../../../components/document-views.tsx";
import type { GivenRating } from "../use-ratings.ts";
import { ActionError } from "../../../components/action-error.tsx";
import { ActionBlock } from "./action-parts.tsx";
import { SCORE_WORDS, StarInput } from "./star-input.tsx";
import { useRun } from "../../../hooks/use-run.ts";

const ZERO_DIGEST = `0x${"0".repeat(64)}` as const;
const MAX_REVIEW = 4_000;

/** reputation.rate: 1-5 stars and an optional review (a reviewSchema document on IPFS), once per order and side. */
export function RateAction({ order, viewer }: { order: Order; viewer: "buyer" | "seller" }) {
  const { run, busy, setBusy, error, setError } = useRun();
  const ratee = viewer === "buyer" ? "seller" : "buyer";
  const [score, setScore] = useState<number | undefined>(undefined);
  const [scoreError, setScoreError] = useState<string | undefined>(undefined);
  const [text, setText] = useState("");
  const [stage, setStage] = useState<"idle" | "upload" | "send">("idle");
  const uploaded = useRef<{ key: string; digest: `0x${string}` } | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === undefined) {
      setScoreError("Choose how many stars to give.");
      return;
    }
    const review = text.trim();
    let digest: `0x${string}` = ZERO_DIGEST;
    if (review !== "") {
      if (uploaded.current?.key === review) {
        digest = uploaded.current.digest;
      } else {
        setBusy(true);
        setError(undefined);
        setStage("upload");
        try {
          digest = (await uploadDocument(reviewSchema, { schema: "souk.review/1", text: review })).digest;
          uploaded.current = { key: review, digest };
        } catch (cause) {
          setBusy(false);
          setStage("idle");
          setError({ kind: "network", message: cause instanceof Error ? cause.message : "The review could not be stored. Try again." });
          return;
        }
      }
    }
    setStage("send");
    await run({
      address: requireContracts().reputation,
      abi: reputationAbi,
      functionName: "rate",
      args: [order.id, BigInt(score), digest],
      description: `Rate the ${ratee} ${score}/5 (order ${orderLabel(order.id)})`,
    });
    setStage("idle");
  };

  return (
    <ActionBlock
      title={`Rate the ${ratee}`}
      description={`Your rating is added to the ${ratee}'s public reputation, with your review if you write one. You can rate once.`}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <StarInput
          legend={`How was the ${ratee}?`}
          value={score}
          onChange={(s) => {
            setScore(s);
            setScoreError(undefined);
          }}
          error={scoreError}
        />
        <Field label="Review (optional)" help={`Public, on IPFS. Up to ${MAX_REVIEW.toLocaleString()} characters.`}>
          {(props) => <textarea {...props} rows={3} maxLength={MAX_REVIEW} className="input resize-y" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Button type="submit" busy={busy} className="self-start">
          {stage === "upload" ? "Saving the review…" : stage === "send" ? "Confirm in your wallet…" : `Rate the ${ratee}`}
        </Button>
        <ActionError error={error} />
      </form>
    </ActionBlock>
  );
}

/** "You rated the seller ★★★★☆", with the review as text. */
export function GivenRatingView({ rating, ratee }: { rating: GivenRating; ratee: "buyer" | "seller" }) {
  const review = useDocument(reviewSchema, rating.reviewDigest, "review");
  return (
    <div className="flex flex-col gap-2 py-5">
      <h3 className="font-semibold">
        You rated the {ratee}{" "}
        <span aria-hidden="true" className="text-accent">
          {"★".repeat(rating.score)}
          <span className="text-border">{"★".repeat(5 - rating.score)}</span>
        </span>
        <span className="sr-only">
          {rating.score} out of 5
        </span>
        <span className="ml-2 text-sm font-normal text-muted">{SCORE_WORDS[rating.score] ?? ""}</span>
      </h3>
      <DocumentStatus state={review} what="review">
        {(value) => (value.text === "" ? null : <div className="rounded-[var(--radius-control)] bg-surface-muted p-3"><DocumentText text={value.text} /></div>)}
      </DocumentStatus>
    </div>
  );
}
