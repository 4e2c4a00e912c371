import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import { formatBps } from "@souk/sdk/format";
import { evidenceSchema, type Evidence } from "@souk/sdk/schemas";
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";

import { AddressView } from "../../../components/address.tsx";
import { Button } from "../../../components/button.tsx";
import { Field } from "../../../components/field.tsx";
import { requireContracts } from "../../../lib/deployment.ts";
import type { Order } from "../../../lib/orders.ts";
import { prepareImage, type PreparedImage } from "../../../lib/prepare-image.ts";
import { uploadBytes, uploadDocument } from "../../../lib/upload.ts";
import { ActionError } from "../../../components/action-error.tsx";
import { ActionBlock } from "./action-parts.tsx";
import { useRun } from "../../../hooks/use-run.ts";

const MAX_ATTACHMENTS = 6;
const MAX_TEXT = 10_000;

interface Attachment {
  key: string;
  name: string;
  image: PreparedImage;
  /** Set once uploaded, so a retry does not upload it again. */
  cid?: string;
}

/** openDispute (buyer, with the opening evidence) or submitEvidence (buyer, seller, arbiter): text and pictures. */
export function EvidenceAction({ order, mode, arbiter = false }: { order: Order; mode: "open" | "add"; arbiter?: boolean }) {
  const opening = mode === "open";
  return (
    <ActionBlock
      title={opening ? "Open a dispute" : arbiter ? "Add a note to the evidence" : "Add evidence"}
      description={
        opening ? (
          <>
            Something wrong with the order? Explain what happened, with pictures if they help. The arbiter{" "}
            <AddressView address={order.arbiter} /> then has 30 days to decide how the payment is split
            {order.arbiterFeeBps > 0n ? <> and earns a {formatBps(order.arbiterFeeBps)} fee if they rule</> : null}. You can still settle with the
            seller meanwhile.
          </>
        ) : arbiter ? (
          "Add a note to the record: a question to the parties, or what you checked. Everything you add is public."
        ) : (
          "Add to what the arbiter will read: facts, messages, photos of the item or the packaging. Everything you add is public."
        )
      }
      foldLabel={opening ? "Open a dispute" : arbiter ? "Add a note" : "Add evidence"}
    >
      <EvidenceForm order={order} opening={opening} arbiter={arbiter} />
    </ActionBlock>
  );
}

function EvidenceForm({ order, opening, arbiter }: { order: Order; opening: boolean; arbiter: boolean }) {
  const { run, busy, setBusy, error, setError } = useRun();
  const fileId = useId();
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | undefined>(undefined);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [preparing, setPreparing] = useState(0);
  const [imageProblems, setImageProblems] = useState<string[]>([]);
  const [stage, setStage] = useState<"idle" | "upload" | "send">("idle");
  const uploadedDoc = useRef<{ key: string; digest: `0x${string}` } | undefined>(undefined);
  const previews = useRef(new Set<string>());
  const nextKey = useRef(0);

  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const addFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = "";
    const room = MAX_ATTACHMENTS - attachments.length;
    const problems: string[] = [];
    if (files.length > room) problems.push(`Only ${MAX_ATTACHMENTS} pictures fit in one piece of evidence: ${files.length - room} left out.`);
    const accepted = files.slice(0, Math.max(0, room));
    setPreparing((n) => n + accepted.length);
    for (const file of accepted) {
      try {
        const image = await prepareImage(file);
        previews.current.add(image.previewUrl);
        setAttachments((list) => [...list, { key: `${file.name}-${nextKey.current++}`, name: file.name, image }]);
      } catch (cause) {
        problems.push(cause instanceof Error ? cause.message : `${file.name} could not be used.`);
      } finally {
        setPreparing((n) => n - 1);
      }
    }
    setImageProblems(problems);
  };

  const remove = (key: string) => {
    setAttachments((list) => {
      const gone = list.find((a) => a.key === key);
      if (gone !== undefined) {
        URL.revokeObjectURL(gone.image.previewUrl);
        previews.current.delete(gone.image.previewUrl);
      }
      return list.filter((a) => a.key !== key);
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === "") {
      setTextError(opening ? "Describe the problem: the arbiter decides on what you write here." : "Write what you want to add.");
      return;
    }
    setError(undefined);
    setBusy(true);
    setStage("upload");
    let digest: `0x${string}`;
    try {
      const withCids: Attachment[] = [];
      for (const attachment of attachments) {
        withCids.push(attachment.cid !== undefined ? attachment : { ...attachment, cid: await uploadBytes(attachment.image.bytes) });
      }
      setAttachments(withCids);
      const document: Evidence = {
        schema: "souk.evidence/1",
        text: trimmed,
        attachments: withCids.map((a) => ({ cid: a.cid!, type: a.image.type, width: a.image.width, height: a.image.height })),
      };
      const key = JSON.stringify(document);
      if (uploadedDoc.current?.key === key) {
        digest = uploadedDoc.current.digest;
      } else {
        digest = (await uploadDocument(evidenceSchema, document)).digest;
        uploadedDoc.current = { key, digest };
      }
    } catch (cause) {
      setBusy(false);
      setStage("idle");
      setError({ kind: "network", message: cause instanceof Error ? cause.message : "The evidence could not be stored. Try again." });
      return;
    }
    setStage("send");
    const result = await run({
      address: requireContracts().escrow,
      abi: escrowAbi,
      functionName: opening ? "openDispute" : "submitEvidence",
      args: [order.id, digest],
      description: `${opening ? "Open a dispute" : "Add evidence"} (order ${orderLabel(order.id)})`,
    });
    setStage("idle");
    if (result.ok) {
      setText("");
      attachments.forEach((a) => URL.revokeObjectURL(a.image.previewUrl));
      setAttachments([]);
      setImageProblems([]);
      uploadedDoc.current = undefined;
    }
  };

  const label = opening ? "Open the dispute" : arbiter ? "Add this note" : "Add this evidence";
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field
        label={opening ? "What went wrong?" : arbiter ? "Your note" : "Your evidence"}
        error={textError}
        help={`Be factual and specific: dates, what you expected, what you got. ${MAX_TEXT.toLocaleString()} characters at most.`}
      >
        {(props) => (
          <textarea
            {...props}
            rows={5}
            maxLength={MAX_TEXT}
            className="input resize-y"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setTextError(undefined);
            }}
          />
        )}
      </Field>

      <div className="flex flex-col gap-2">
        <span className="text-sm font-medium" id={`${fileId}-label`}>
          Pictures (optional, up to {MAX_ATTACHMENTS})
        </span>
        {attachments.length > 0 && (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" aria-labelledby={`${fileId}-label`}>
            {attachments.map((a) => (
              <li key={a.key} className="relative">
                <img src={a.image.previewUrl} alt={a.name} className="aspect-square w-full rounded-[var(--radius-control)] border border-border object-cover" />
                <button
                  type="button"
                  onClick={() => remove(a.key)}
                  disabled={busy}
                  aria-label={`Remove ${a.name}`}
                  className="absolute top-1 right-1 flex size-7 items-center justify-center rounded-full bg-surface text-sm shadow"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {attachments.length < MAX_ATTACHMENTS && (
          <label
            htmlFor={fileId}
            className="flex cursor-pointer items-center justify-center gap-2 rounded-[var(--radius-control)] border border-dashed border-border px-4 py-4 text-sm text-muted hover:bg-surface-muted has-focus-visible:outline-3 has-focus-visible:outline-focus"
          >
            <span aria-hidden="true" className="text-lg">
              +
            </span>
            {preparing > 0 ? `Preparing ${preparing} ${preparing === 1 ? "picture" : "pictures"}…` : "Add pictures"}
            <input
              id={fileId}
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif,image/avif"
              multiple
              className="sr-only"
              disabled={busy}
              aria-describedby={`${fileId}-help`}
              onChange={(event) => void addFiles(event)}
            />
          </label>
        )}
        <p id={`${fileId}-help`} className="text-xs text-muted">
          PNG, JPEG, WebP, GIF or AVIF, up to 15 MB each. They are resized and stored publicly on IPFS.
        </p>
        {imageProblems.length > 0 && (
          <ul role="alert" className="flex flex-col gap-1 text-sm text-danger">
            {imageProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>

      <Button type="submit" variant={opening ? "danger" : "primary"} busy={busy} disabled={preparing > 0} className="self-start">
        {stage === "upload" ? "Storing the evidence…" : stage === "send" ? "Confirm in your wallet…" : label}
      </Button>
      <ActionError error={error} />
    </form>
  );
}
