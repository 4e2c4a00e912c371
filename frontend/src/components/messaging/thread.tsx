import { MAX_MESSAGE_CHARS, MAX_MESSAGE_IMAGES, type Conversation, type Message, type MessageBody, type ShippingAddress } from "@souk/sdk/messaging";
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import type { Address } from "viem";

import { useMessages, useMessaging } from "../../hooks/use-messaging.ts";
import { useProfile, useProfileByKey } from "../../hooks/use-profile.ts";
import { messagePreview, threadKey } from "../../lib/messaging/conversations.ts";
import { markRead } from "../../lib/messaging/local-state.ts";
import { prepareImage } from "../../lib/prepare-image.ts";
import { uploadBytes } from "../../lib/upload.ts";
import { AddressView } from "../address.tsx";
import { Button } from "../button.tsx";
import { ConnectButton } from "../connect-button.tsx";
import { VerifiedImage } from "../verified-image.tsx";
import { StartMessaging } from "./start-messaging.tsx";

export interface ThreadProps {
  conversation: Conversation;
  /** Every account in the conversation, the connected one included. */
  participants: readonly Address[];
  heading: string;
  /** Shown above the messages (e.g. the shipping address on an order). */
  children?: ReactNode;
  /** Messages of this conversation to show instead of the default selection (the order thread merges forwards). */
  select?: (messages: readonly Message[], me: string) => Message[];
  emptyText: string;
}

/** A conversation: its messages as text, oldest first, and a composer. Live: new messages show as they arrive. */
export function Thread({ conversation, participants, heading, children, select, emptyText }: ThreadProps) {
  const headingId = useId();
  const { state, account } = useMessaging();
  return (
    <section aria-labelledby={headingId} className="card flex flex-col gap-4 p-5" data-testid="thread">
      <h2 id={headingId} className="text-lg font-semibold">
        {heading}
      </h2>
      {account === undefined || state.status === "disconnected" ? (
        <div className="flex flex-col items-start gap-2 text-sm text-muted">
          Connect your wallet to send and read messages.
          <ConnectButton />
        </div>
      ) : state.status !== "ready" ? (
        <StartMessaging />
      ) : (
        <>
          {children}
          <ThreadBody conversation={conversation} participants={participants} me={account} select={select} emptyText={emptyText} />
        </>
      )}
    </section>
  );
}

function ThreadBody({
  conversation,
  participants,
  me,
  select,
  emptyText,
}: {
  conversation: Conversation;
  participants: readonly Address[];
  me: Address;
  select: ThreadProps["select"];
  emptyText: string;
}) {
  const { state } = useMessaging();
  const client = state.status === "ready" ? state.session.client : undefined;
  const myKey = client?.signer.pubkey ?? "";
  const { messages, loaded } = useMessages();
  const others = useMemo(() => participants.filter((p) => p.toLowerCase() !== me.toLowerCase()), [participants, me]);
  const recipients = useRecipientKeys(others);

  const shown = useMemo(() => {
    if (select !== undefined) return select(messages, myKey);
    if (recipients.keys === undefined) return [];
    const key = threadKey(conversation, [myKey, ...recipients.keys]);
    return messages.filter((m) => threadKey(m.conversation, [m.author, ...m.recipients]) === key);
  }, [select, messages, myKey, recipients.keys, conversation]);

  useEffect(() => {
    if (shown.length > 0) markRead(me, shown.map((m) => m.id));
  }, [shown, me]);

  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [shown.length]);

  return (
    <div className="flex flex-col gap-3">
      {!loaded && <p className="text-sm text-muted">Loading messages…</p>}
      {loaded && shown.length === 0 && <p className="text-sm text-muted">{emptyText}</p>}
      {shown.length > 0 && (
        <ol ref={listRef} className="flex max-h-[28rem] flex-col gap-2 overflow-y-auto" aria-live="polite" data-testid="thread-messages">
          {shown.map((message) => (
            <MessageItem key={message.id} message={message} mine={message.author === myKey} />
          ))}
        </ol>
      )}
      {recipients.missing.length > 0 ? (
        <p className="rounded-[var(--radius-control)] bg-warning-soft px-3 py-2 text-sm text-warning">
          {recipients.missing.map((a) => (
            <AddressView key={a} address={a} />
          ))}{" "}
          {recipients.missing.length === 1 ? "has" : "have"} not turned on messages yet, so nothing can be sent to them securely. They see
          messages sent after they do.
        </p>
      ) : (
        recipients.keys !== undefined &&
        client !== undefined && <Composer onSend={(body) => client.send(conversation, recipients.keys!, body)} />
      )}
    </div>
  );
}

/** The messaging keys of the other participants, from their verified profiles. */
export function useRecipientKeys(accounts: readonly Address[]): { keys: string[] | undefined; missing: Address[] } {
  const a = useProfile(accounts[0], { watch: true });
  const b = useProfile(accounts[1], { watch: true });
  const c = useProfile(accounts[2], { watch: true });
  const views = [a, b, c].slice(0, accounts.length);
  if (views.some((v) => v.isPending)) return { keys: undefined, missing: [] };
  const missing = accounts.filter((_, i) => views[i]?.data?.verified !== true);
  return { keys: missing.length > 0 ? undefined : views.map((v) => v.data!.pubkey), missing };
}

function Author({ pubkey, mine }: { pubkey: string; mine: boolean }) {
  const view = useProfileByKey(mine ? undefined : pubkey).data;
  if (mine) return <span className="font-medium">You</span>;
  if (view === undefined || view === null) return <span className="font-mono text-muted">{pubkey.slice(0, 8)}…</span>;
  return <AddressView address={view.account} />;
}

function MessageItem({ message, mine }: { message: Message; mine: boolean }) {
  const when = new Date(message.createdAt * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return (
    <li className={`flex flex-col gap-1 rounded-[var(--radius-control)] px-3 py-2 text-sm ${mine ? "self-end bg-brand-soft" : "self-start bg-surface-muted"} max-w-[90%]`} data-testid="message">
      <span className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <Author pubkey={message.author} mine={mine} /> · <time dateTime={new Date(message.createdAt * 1000).toISOString()}>{when}</time>
      </span>
      <Body body={message.body} />
    </li>
  );
}

function Body({ body }: { body: MessageBody }) {
  if (body.type === "shipping-address") return <AddressBlock address={body.address} />;
  if (body.type === "forward") return <span className="text-muted">(forwarded) {messagePreview({ body } as Message)}</span>;
  return (
    <>
      {body.text !== "" && <p className="whitespace-pre-wrap break-words">{body.text}</p>}
      {body.images.length > 0 && (
        <span className="flex flex-wrap gap-2">
          {body.images.map((image) => (
            <VerifiedImage key={image.cid} cid={image.cid} alt={image.alt ?? "Picture sent with the message"} className="size-32 rounded" />
          ))}
        </span>
      )}
    </>
  );
}

type Picture = Extract<MessageBody, { type: "text" }>["images"][number];

export function AddressBlock({ address }: { address: ShippingAddress }) {
  return (
    <address className="whitespace-pre-line not-italic" data-testid="shipping-address">
      {[address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.region, address.country, address.phone]
        .filter((line) => line !== undefined && line.trim() !== "")
        .join("\n")}
    </address>
  );
}

function Composer({ onSend }: { onSend: (body: MessageBody) => Promise<unknown> }) {
  const id = useId();
  const [text, setText] = useState("");
  const [pictures, setPictures] = useState<Picture[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const over = text.length > MAX_MESSAGE_CHARS;
  const send = async () => {
    if ((text.trim() === "" && pictures.length === 0) || over) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSend({ type: "text", text, images: pictures });
      setText("");
      setPictures([]);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The message could not be sent. Try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        Message
      </label>
      <textarea
        id={`${id}-text`}
        className="input min-h-20"
        placeholder="Write a message"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void send();
        }}
        aria-invalid={over || undefined}
        aria-describedby={`${id}-count`}
      />
      <div className="flex items-center justify-between gap-3">
        <span id={`${id}-count`} className={`text-xs ${over ? "text-danger" : "text-muted"}`}>
          {text.length.toLocaleString("en")} / {MAX_MESSAGE_CHARS.toLocaleString("en")}
          {over ? " — too long" : ""} · end-to-end encrypted
        </span>
        <span className="flex items-center gap-2">
          <label className={`cursor-pointer text-xs font-medium text-brand underline ${pictures.length >= MAX_MESSAGE_IMAGES ? "pointer-events-none opacity-50" : ""}`}>
            {uploading ? "Uploading…" : "Add a picture"}
            <input
              type="file"
              accept="image/*"
              className="sr-only"
              disabled={uploading || pictures.length >= MAX_MESSAGE_IMAGES}
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file === undefined) return;
                setUploading(true);
                setError(undefined);
                try {
                  // On IPFS and shown from bytes checked against the CID, like listing pictures (public, like them).
                  const image = await prepareImage(file);
                  URL.revokeObjectURL(image.previewUrl);
                  const cid = await uploadBytes(image.bytes);
                  setPictures((list) => [...list, { cid, type: image.type, width: image.width, height: image.height }]);
                } catch (err) {
                  setError(err instanceof Error ? err.message : String(err));
                } finally {
                  setUploading(false);
                }
              }}
            />
          </label>
          <Button type="submit" size="sm" busy={busy} disabled={(text.trim() === "" && pictures.length === 0) || over || uploading}>
            Send
          </Button>
        </span>
      </div>
      {pictures.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Pictures to send">
          {pictures.map((picture) => (
            <li key={picture.cid} className="flex flex-col items-center gap-1">
              <VerifiedImage cid={picture.cid} alt="Picture to send" className="size-16 rounded" />
              <button type="button" className="text-xs text-muted underline" onClick={() => setPictures((list) => list.filter((p) => p.cid !== picture.cid))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && (
        <p className="text-sm text-danger" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
