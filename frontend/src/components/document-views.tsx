/**
 * Documents that orders point to (the seller's fulfilment note, dispute evidence), fetched by their on-chain digest,
 * verified and schema-checked by useDocument, and rendered strictly as text. Images only through VerifiedImage.
 */
import { evidenceSchema, fulfillmentNoteSchema, type ImageRef } from "@souk/sdk/schemas";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { Hex } from "viem";

import { Dialog } from "./dialog.tsx";
import { Skeleton } from "./states.tsx";
import { VerifiedImage } from "./verified-image.tsx";
import { useDocument, type DocumentState } from "../hooks/use-document.ts";

/**
 * Renders a document once it is verified and valid; otherwise says plainly why it is not shown, and never shows the
 * bytes. `what` names the document in messages ("note", "written review"); `emptyText` is shown when the chain
 * records no document at all (a zero digest).
 */
export function DocumentStatus<T>({
  state,
  what,
  emptyText,
  children,
}: {
  state: DocumentState<T>;
  what: string;
  emptyText?: string;
  children: (value: T) => ReactNode;
}) {
  const queryClient = useQueryClient();
  switch (state.status) {
    case "empty":
      return emptyText === undefined ? null : <p className="text-sm text-muted italic">{emptyText}</p>;
    case "loading":
      return (
        <div role="status" className="flex flex-col gap-2 py-1">
          <span className="sr-only">Loading the {what}…</span>
          <Skeleton className="h-3.5 w-3/4" />
          <Skeleton className="h-3.5 w-1/2" />
        </div>
      );
    case "ready":
      return <>{children(state.value)}</>;
    case "unverified":
      return (
        <Notice tone="danger" title={`⚠ This ${what} could not be verified`} cid={state.cid}>
          What IPFS returned does not match the fingerprint recorded on the chain, so it is not shown.
        </Notice>
      );
    case "too-large":
      return (
        <Notice tone="muted" title={`This ${what} is too large to show`} cid={state.cid}>
          It is bigger than Souk reads for a {what}, so it was not downloaded. This is not a sign of tampering.
        </Notice>
      );
    case "invalid":
      return (
        <Notice tone="warning" title={`This ${what} is not in a readable format`} cid={state.cid}>
          It is hidden because it does not follow Souk's format.
          <details className="mt-1">
            <summary className="cursor-pointer text-xs underline">Details</summary>
            <p className="mt-1 text-xs wrap-anywhere">{state.error}</p>
          </details>
        </Notice>
      );
    case "missing":
    case "unreachable":
      return (
        <Notice
          tone="muted"
          title={state.status === "missing" ? `The ${what} is not available right now` : `The ${what} could not be loaded`}
          cid={state.cid}
        >
          {state.status === "missing"
            ? "None of the IPFS gateways has it at the moment. It may come back once a node that stores it is online."
            : "The IPFS gateway did not answer."}{" "}
          <button
            type="button"
            className="font-medium text-brand underline"
            onClick={() =>
              void queryClient.refetchQueries({ predicate: (query) => query.queryKey[0] === "document" && query.queryKey[2] === state.cid })
            }
          >
            Try again
          </button>
        </Notice>
      );
  }
}

const TONES = {
  danger: "border-danger/40 bg-danger-soft text-danger",
  warning: "border-warning/40 bg-warning-soft text-warning",
  muted: "border-border bg-surface-muted text-muted",
} as const;

function Notice({ tone, title, cid, children }: { tone: keyof typeof TONES; title: string; cid: string; children: ReactNode }) {
  return (
    <div className={`rounded-[var(--radius-control)] border px-3 py-2 text-sm ${TONES[tone]}`} data-document-state={tone} title={`IPFS ${cid}`}>
      <p className="font-medium">{title}</p>
      <div className="mt-0.5 text-text/80">{children}</div>
    </div>
  );
}

/** Plain text from a document: line breaks kept, long words wrapped, never HTML. */
export function DocumentText({ text }: { text: string }) {
  return <p className="text-sm leading-relaxed break-words whitespace-pre-wrap">{text}</p>;
}

export function FulfillmentNoteView({ digest }: { digest: Hex }) {
  const state = useDocument(fulfillmentNoteSchema, digest, "note");
  return (
    <DocumentStatus state={state} what="note">
      {(note) => (
        <div className="flex flex-col gap-2 rounded-[var(--radius-control)] border border-border bg-surface-muted/60 p-3">
          {note.text !== "" && <DocumentText text={note.text} />}
          {(note.carrier !== undefined || note.tracking !== undefined) && (
            <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {note.carrier !== undefined && (
                <div className="flex gap-1.5">
                  <dt className="text-muted">Carrier</dt>
                  <dd className="font-medium break-all">{note.carrier}</dd>
                </div>
              )}
              {note.tracking !== undefined && (
                <div className="flex gap-1.5">
                  <dt className="text-muted">Tracking</dt>
                  <dd className="font-mono font-medium break-all">{note.tracking}</dd>
                </div>
              )}
            </dl>
          )}
          {note.text === "" && note.carrier === undefined && note.tracking === undefined && (
            <p className="text-sm text-muted">The note is empty.</p>
          )}
        </div>
      )}
    </DocumentStatus>
  );
}

export function EvidenceView({ digest }: { digest: Hex }) {
  const state = useDocument(evidenceSchema, digest, "evidence");
  return (
    <DocumentStatus state={state} what="evidence">
      {(evidence) => (
        <div className="flex flex-col gap-3">
          <DocumentText text={evidence.text} />
          {evidence.attachments.length > 0 && <AttachmentGallery images={evidence.attachments} />}
        </div>
      )}
    </DocumentStatus>
  );
}

function AttachmentGallery({ images }: { images: readonly ImageRef[] }) {
  const [open, setOpen] = useState<number | undefined>(undefined);
  const current = open === undefined ? undefined : images[open];
  const altOf = (image: ImageRef, index: number) => image.alt ?? `Attachment ${index + 1} of ${images.length}`;
  return (
    <>
      <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4" aria-label="Attachments">
        {images.map((image, index) => (
          <li key={`${image.cid}-${index}`}>
            <button
              type="button"
              onClick={() => setOpen(index)}
              className="block w-full overflow-hidden rounded-[var(--radius-control)] border border-border"
              aria-label={`Enlarge ${altOf(image, index)}`}
            >
              <VerifiedImage cid={image.cid} alt={altOf(image, index)} className="aspect-square w-full" />
            </button>
          </li>
        ))}
      </ul>
      <Dialog open={current !== undefined} onClose={() => setOpen(undefined)} title={current === undefined ? "Attachment" : altOf(current, open!)}>
        {current !== undefined && <VerifiedImage cid={current.cid} alt={altOf(current, open!)} className="max-h-[70vh] w-full rounded-[var(--radius-control)] object-contain" />}
      </Dialog>
    </>
  );
}
