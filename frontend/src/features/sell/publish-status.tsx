import type { DecodedError } from "@souk/sdk/errors";
import type { Ref } from "react";

import { Spinner } from "../../components/button.tsx";
import { Icon } from "./icons.tsx";
import { stepLabel, type PublishStep } from "./publish.ts";

/** Where a publish or save stands. Failures keep the form as it was, so trying again is one click. */
export type Phase =
  | { kind: "idle" }
  | { kind: "working"; step: PublishStep }
  | { kind: "failed"; stage: "upload" | "wallet"; error: DecodedError };

const ORDER = [
  "images",
  "title",
  "description",
  "category",
  "attributes",
  "deliveryRegions",
  "deliveryNotes",
  "tags",
  "token",
  "customToken",
  "price",
  "stock",
  "fulfillment",
  "confirmation",
  "arbiter",
  "arbiterFee",
  "document",
];
const rank = (key: string) => {
  const index = ORDER.findIndex((prefix) => key === prefix || key.startsWith(`${prefix}.`));
  return index === -1 ? ORDER.length : index;
};

/** Field errors in the order the fields appear on the page. */
export function orderedErrors(errors: Record<string, string>): Array<[string, string]> {
  return Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
}

/** Moves focus to the control of a field (by its data-field key) and brings it into view. */
export function focusField(key: string): void {
  const element = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`);
  element?.scrollIntoView({ block: "center", behavior: "smooth" });
  element?.focus({ preventScroll: true });
}

/** The list of problems after a publish attempt, each a button that jumps to its field. */
export function ErrorSummary({ errors, action, ref }: { errors: Array<[string, string]>; action: string; ref?: Ref<HTMLDivElement> }) {
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="flex flex-col gap-2 rounded-[var(--radius-control)] border border-danger/40 bg-danger-soft p-4 text-sm">
      <p className="font-semibold text-danger">
        {errors.length === 1 ? `One thing to fix before ${action}` : `${errors.length} things to fix before ${action}`}
      </p>
      <ul className="flex flex-col gap-1">
        {errors.map(([key, message]) => (
          <li key={key}>
            <button type="button" className="text-left text-text underline decoration-danger/50 underline-offset-2 hover:decoration-danger" onClick={() => focusField(key)}>
              {message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The steps of publishing with the current one highlighted; announced to screen readers as it moves. */
export function PublishProgress({ step, steps }: { step: PublishStep; steps: PublishStep["kind"][] }) {
  const current = steps.indexOf(step.kind);
  const labels: Record<PublishStep["kind"], string> = {
    images: step.kind === "images" ? stepLabel(step) : "Upload pictures",
    metadata: "Publish the description",
    wallet: "Confirm in your wallet",
  };
  return (
    <div className="flex flex-col gap-3 rounded-[var(--radius-control)] bg-surface-muted p-4">
      <p className="sr-only" role="status" aria-live="polite">
        {stepLabel(step)}
      </p>
      <ol className="flex flex-col gap-2 text-sm" aria-label="Publishing steps">
        {steps.map((kind, index) => {
          const state = index < current ? "done" : index === current ? "current" : "todo";
          return (
            <li key={kind} className={`flex items-center gap-2 ${state === "todo" ? "text-muted" : ""}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="flex size-5 items-center justify-center">
                {state === "done" ? <Icon name="check" className="size-4 text-success" /> : state === "current" ? <Spinner /> : <span className="size-2 rounded-full bg-border" />}
              </span>
              <span className={state === "current" ? "font-medium" : ""}>{labels[kind]}</span>
            </li>
          );
        })}
      </ol>
      {step.kind === "wallet" && <p className="text-xs text-muted">Your wallet shows the transaction. After you sign, it takes a few seconds to be confirmed.</p>}
    </div>
  );
}

/** What happened when publishing failed, in plain words; a cancelled wallet prompt is not treated as an error. */
export function FailureMessage({ phase, what }: { phase: Extract<Phase, { kind: "failed" }>; what: string }) {
  if (phase.error.kind === "rejected") {
    return (
      <p role="status" className="rounded-[var(--radius-control)] bg-surface-muted p-4 text-sm">
        You cancelled in your wallet, so nothing was {what}. Everything you entered is still here: publish again whenever you are ready.
      </p>
    );
  }
  return (
    <div role="alert" className="flex flex-col gap-1 rounded-[var(--radius-control)] border border-danger/40 bg-danger-soft p-4 text-sm">
      <p className="font-semibold text-danger">{phase.stage === "upload" ? "The upload failed" : "The transaction did not go through"}</p>
      <p className="break-words">{phase.error.message}</p>
      <p className="text-muted">Nothing was {what}. Everything you entered, pictures included, is still here: try again.</p>
    </div>
  );
}
