import { useEffect, useRef, useState, type FormEvent } from "react";

import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { MAX_REPLY_CHARS, validateReply, type ReplyOutcome } from "./reply.ts";

type Status =
  | { kind: "idle" }
  | { kind: "working"; stage: "upload" | "transaction" }
  | { kind: "rejected" | "failed"; message: string };

const STAGE_TEXT = {
  upload: "Saving your reply to IPFS…",
  transaction: "Confirm the reply in your wallet, then wait for the network…",
} as const;

/**
 * The owner's public answer to one review. The text lives in the parent (a draft survives closing the form, a
 * failed upload and a cancelled wallet prompt); publishing is injected so the form can be tested without a chain.
 */
export function ReplyForm({
  draft,
  onDraftChange,
  onPublish,
  onCancel,
  blockedReason,
}: {
  draft: string;
  onDraftChange: (text: string) => void;
  onPublish: (text: string, progress: (stage: "upload" | "transaction") => void) => Promise<ReplyOutcome>;
  onCancel: () => void;
  /** Why publishing is not possible right now (for example: the wallet is on another network). */
  blockedReason?: string;
}) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [error, setError] = useState<string | undefined>();
  const [submitted, setSubmitted] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    textarea.current?.focus();
    return () => {
      mounted.current = false;
    };
  }, []);

  const busy = status.kind === "working";
  const length = draft.trim().length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const problem = validateReply(draft);
    setError(problem);
    if (problem !== undefined) {
      textarea.current?.focus();
      return;
    }
    setStatus({ kind: "working", stage: "upload" });
    const outcome = await onPublish(draft, (stage) => {
      if (mounted.current) setStatus({ kind: "working", stage });
    });
    if (!mounted.current) return;
    if (outcome.ok) {
      setStatus({ kind: "idle" });
      return;
    }
    if (outcome.stage === "validate") {
      setError(outcome.message);
      setStatus({ kind: "idle" });
      return;
    }
    setStatus({ kind: outcome.kind === "rejected" ? "rejected" : "failed", message: outcome.message });
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-label="Reply to this review">
      <Field
        label="Your public reply"
        help="Shown to everyone under this review. Each review can be answered once: a published reply cannot be edited or removed."
        error={error}
      >
        {(props) => (
          <textarea
            {...props}
            ref={textarea}
            className="input min-h-28 resize-y leading-relaxed"
            value={draft}
            disabled={busy}
            rows={4}
            onChange={(event) => {
              onDraftChange(event.target.value);
              if (submitted) setError(validateReply(event.target.value));
            }}
          />
        )}
      </Field>
      <p className={`-mt-1 text-right text-xs tabular-nums ${length > MAX_REPLY_CHARS ? "text-danger" : "text-muted"}`} aria-hidden="true">
        {length.toLocaleString("en-US")} / {MAX_REPLY_CHARS.toLocaleString("en-US")}
      </p>
      <div aria-live="polite" className="empty:hidden">
        {status.kind === "working" && <p className="text-sm text-muted">{STAGE_TEXT[status.stage]}</p>}
        {status.kind === "rejected" && <p className="rounded-[var(--radius-control)] bg-surface-muted px-3 py-2 text-sm">{status.message}</p>}
      </div>
      {status.kind === "failed" && (
        <p role="alert" className="rounded-[var(--radius-control)] bg-danger-soft px-3 py-2 text-sm text-danger">
          {status.message} Your text is kept: try again when ready.
        </p>
      )}
      {blockedReason !== undefined && <p className="text-sm text-warning">{blockedReason}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" busy={busy} disabled={blockedReason !== undefined}>
          {busy ? "Publishing…" : "Publish reply"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
