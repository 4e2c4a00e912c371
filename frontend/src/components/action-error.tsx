import type { DecodedError } from "@souk/sdk/errors";

/** The last failure of an action in plain words; a refusal in the wallet is acknowledged calmly. */
export function ActionError({ error }: { error: DecodedError | undefined }) {
  if (error === undefined) return null;
  if (error.kind === "rejected") {
    return (
      <p role="status" className="text-sm text-muted">
        You cancelled in your wallet, so nothing was sent. You can try again whenever you are ready.
      </p>
    );
  }
  return (
    <p role="alert" className="rounded-[var(--radius-control)] bg-danger-soft px-3 py-2 text-sm text-danger">
      {error.message}
    </p>
  );
}
