import { profileSchema, type Profile, type ProfileView } from "@souk/sdk/messaging";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Address } from "viem";

import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { StartMessaging } from "../../components/messaging/start-messaging.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { useMessaging } from "../../hooks/use-messaging.ts";
import { profileKey, useProfile } from "../../hooks/use-profile.ts";
import { prepareImage } from "../../lib/prepare-image.ts";
import { uploadBytes } from "../../lib/upload.ts";

/**
 * Editing one's own profile: name, shop name, bio and picture (on IPFS, CID-checked). Published as the account's
 * Nostr profile, signed with the messaging key and carrying the existing wallet binding: free, no transaction and
 * no wallet prompt.
 */
export function ProfileEditor({ account }: { account: Address }) {
  const headingId = useId();
  const { state } = useMessaging();
  const current = useProfile(account);
  return (
    <section aria-labelledby={headingId} className="card flex flex-col gap-4 p-5 sm:p-6" data-testid="profile-editor" data-action-panel>
      <div>
        <h2 id={headingId} className="text-xl font-semibold tracking-tight">
          Your public profile
        </h2>
        <p className="text-sm text-muted">
          Shown next to your address everywhere on Souk. Editing it is free: it is signed with your messaging key, not sent as a transaction.
        </p>
      </div>
      {state.status !== "ready" ? (
        <StartMessaging />
      ) : current.isPending ? (
        <p className="text-sm text-muted">Loading your profile…</p>
      ) : (
        <Form key={current.data?.pubkey ?? "none"} account={account} current={current.data ?? undefined} />
      )}
    </section>
  );
}

function Form({ account, current }: { account: Address; current: ProfileView | undefined }) {
  const { state } = useMessaging();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    displayName: current?.profile.displayName ?? "",
    shopName: current?.profile.shopName ?? "",
    about: current?.profile.about ?? "",
  });
  const [avatar, setAvatar] = useState<Profile["avatar"]>(current?.profile.avatar);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<"idle" | "picture" | "saving">("idle");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | undefined>(undefined);
  if (state.status !== "ready") return null;
  const { client } = state.session;

  const save = async () => {
    setMessage(undefined);
    const candidate = { ...values, shopName: values.shopName || undefined, about: values.about || undefined, avatar };
    const parsed = profileSchema.safeParse(candidate);
    const problems: Record<string, string> = {};
    if (values.displayName.trim() === "") problems.displayName = "Display name is required";
    if (!parsed.success) for (const issue of parsed.error.issues) problems[String(issue.path[0])] = issue.message;
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !parsed.success) return;
    if (current === undefined || !current.verified || current.pubkey !== client.signer.pubkey) {
      setMessage({ tone: "error", text: "Your wallet binding is not published yet. Reload the page and try again." });
      return;
    }
    setBusy("saving");
    try {
      await client.directory.publish(client.signer, parsed.data, current.binding);
      await queryClient.invalidateQueries({ queryKey: profileKey(account) });
      setMessage({ tone: "ok", text: "Profile saved." });
    } catch (e) {
      setMessage({ tone: "error", text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy("idle");
    }
  };

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <div className="flex items-center gap-4">
        {avatar !== undefined ? (
          <VerifiedImage cid={avatar.cid} alt="Your profile picture" className="size-16 rounded-full" />
        ) : (
          <span className="flex size-16 items-center justify-center rounded-full bg-surface-muted text-xs text-muted">No picture</span>
        )}
        <label className="cursor-pointer text-sm font-medium text-brand underline">
          {busy === "picture" ? "Uploading…" : "Choose a picture"}
          <input
            type="file"
            accept="image/*"
            className="sr-only"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file === undefined) return;
              setBusy("picture");
              try {
                const image = await prepareImage(file);
                URL.revokeObjectURL(image.previewUrl);
                const cid = await uploadBytes(image.bytes);
                setAvatar({ cid, type: image.type, width: image.width, height: image.height });
              } catch (error) {
                setErrors({ ...errors, avatar: error instanceof Error ? error.message : String(error) });
              } finally {
                setBusy("idle");
              }
            }}
          />
        </label>
        {avatar !== undefined && (
          <Button size="sm" variant="secondary" onClick={() => setAvatar(undefined)}>
            Remove
          </Button>
        )}
      </div>
      {errors.avatar !== undefined && <p className="text-sm text-danger">{errors.avatar}</p>}
      <Field label="Display name" error={errors.displayName} help="Names are not unique: your address is always shown next to it.">
        {(props) => <input {...props} className="input" maxLength={50} value={values.displayName} onChange={(e) => setValues({ ...values, displayName: e.target.value })} />}
      </Field>
      <Field label="Shop name (optional)" error={errors.shopName}>
        {(props) => <input {...props} className="input" maxLength={60} value={values.shopName} onChange={(e) => setValues({ ...values, shopName: e.target.value })} />}
      </Field>
      <Field label="Bio (optional)" error={errors.about}>
        {(props) => <textarea {...props} className="input min-h-20" maxLength={300} value={values.about} onChange={(e) => setValues({ ...values, about: e.target.value })} />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" busy={busy === "saving"} disabled={busy === "picture"}>
          Save profile
        </Button>
        {message !== undefined && (
          <p role="status" className={`text-sm ${message.tone === "ok" ? "text-success" : "text-danger"}`}>
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
