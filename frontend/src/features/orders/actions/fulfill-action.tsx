import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import { describeIssues, fulfillmentNoteSchema, type FulfillmentNote } from "@souk/sdk/schemas";
import { useRef, useState, type FormEvent } from "react";

import { Button } from "../../../components/button.tsx";
import { Field } from "../../../components/field.tsx";
import { requireContracts } from "../../../lib/deployment.ts";
import type { Order } from "../../../lib/orders.ts";
import { uploadDocument } from "../../../lib/upload.ts";
import { ActionError } from "../../../components/action-error.tsx";
import { ActionBlock } from "./action-parts.tsx";
import { useRun } from "../../../hooks/use-run.ts";

const ZERO_DIGEST = `0x${"0".repeat(64)}` as const;

type Fields = "text" | "carrier" | "tracking";

/** fulfill: the seller marks the order as shipped or delivered, with an optional note stored on IPFS. */
export function FulfillAction({ order, confirmationWindow }: { order: Order; confirmationWindow: string | undefined }) {
  const { run, busy, setBusy, error, setError } = useRun();
  const [values, setValues] = useState<Record<Fields, string>>({ text: "", carrier: "", tracking: "" });
  const [issues, setIssues] = useState<Partial<Record<Fields, string>>>({});
  const [stage, setStage] = useState<"idle" | "upload" | "send">("idle");
  // The last uploaded note, so a retry after a refused wallet prompt does not upload it again.
  const uploaded = useRef<{ key: string; digest: `0x${string}` } | undefined>(undefined);

  const set = (field: Fields) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setIssues((i) => ({ ...i, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const note: FulfillmentNote = {
      schema: "souk.note/1",
      text: values.text.trim(),
      ...(values.carrier.trim() === "" ? {} : { carrier: values.carrier.trim() }),
      ...(values.tracking.trim() === "" ? {} : { tracking: values.tracking.trim() }),
    };
    const empty = note.text === "" && note.carrier === undefined && note.tracking === undefined;
    const parsed = fulfillmentNoteSchema.safeParse(note);
    if (!parsed.success) {
      const found: Partial<Record<Fields, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "text" || field === "carrier" || field === "tracking") found[field] ??= issue.message;
      }
      setIssues(Object.keys(found).length > 0 ? found : { text: describeIssues(parsed.error) });
      return;
    }
    let digest: `0x${string}` = ZERO_DIGEST;
    if (!empty) {
      const key = JSON.stringify(note);
      if (uploaded.current?.key === key) {
        digest = uploaded.current.digest;
      } else {
        setStage("upload");
        setBusy(true);
        setError(undefined);
        try {
          digest = (await uploadDocument(fulfillmentNoteSchema, note)).digest;
          uploaded.current = { key, digest };
        } catch (cause) {
          setBusy(false);
          setStage("idle");
          setError({ kind: "network", message: cause instanceof Error ? cause.message : "The note could not be stored. Try again." });
          return;
        }
      }
    }
    setStage("send");
    await run({
      address: requireContracts().escrow,
      abi: escrowAbi,
      functionName: "fulfill",
      args: [order.id, digest],
      description: `Mark order ${orderLabel(order.id)} as shipped`,
    });
    setStage("idle");
  };

  return (
    <ActionBlock
      title="Mark as shipped or delivered"
      description={
        <>
          Once it is on its way (or delivered, for a service), tell the buyer here. They then have{" "}
          {confirmationWindow ?? "the listing's confirmation period"} to confirm receipt or open a dispute; after that you can complete the
          order yourself.
        </>
      }
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field label="Note to the buyer (optional)" error={issues.text} help="How it was sent, when it should arrive, how to collect or access it. Up to 2,000 characters.">
          {(props) => <textarea {...props} rows={3} maxLength={2_000} className="input resize-y" value={values.text} onChange={set("text")} />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Carrier (optional)" error={issues.carrier}>
            {(props) => <input {...props} className="input" maxLength={60} autoComplete="off" value={values.carrier} onChange={set("carrier")} />}
          </Field>
          <Field label="Tracking number (optional)" error={issues.tracking}>
            {(props) => <input {...props} className="input font-mono" maxLength={100} autoComplete="off" spellCheck={false} value={values.tracking} onChange={set("tracking")} />}
          </Field>
        </div>
        <p className="text-xs text-muted">
          The note is public: it is stored on IPFS and anyone who opens this order can read it. Do not include home addresses or
          other private details.
        </p>
        <Button type="submit" busy={busy} className="self-start">
          {stage === "upload" ? "Saving the note…" : stage === "send" ? "Confirm in your wallet…" : "Mark as shipped/delivered"}
        </Button>
        <ActionError error={error} />
      </form>
    </ActionBlock>
  );
}
