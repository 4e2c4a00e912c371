import type { ProfileView } from "@souk/sdk/messaging";

import { VerifiedImage } from "./verified-image.tsx";

/** A profile's picture and name; "unverified" when its wallet binding does not check out (anyone can claim a name). */
export function ProfileName({ view, size = "sm" }: { view: ProfileView; size?: "sm" | "lg" }) {
  const picture = size === "sm" ? "size-5" : "size-10";
  return (
    <span className="inline-flex items-center gap-1.5" data-testid="profile-name">
      {view.profile.avatar !== undefined && (
        <VerifiedImage cid={view.profile.avatar.cid} alt="" className={`${picture} shrink-0 rounded-full`} />
      )}
      <span className={view.verified ? "font-semibold" : "font-semibold text-muted"}>{view.profile.displayName}</span>
      {!view.verified && (
        <span className="rounded bg-warning-soft px-1.5 text-xs text-warning" title={view.problem}>
          unverified
        </span>
      )}
    </span>
  );
}
