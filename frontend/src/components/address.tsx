import { shortAddress } from "@souk/sdk/format";
import { useState } from "react";
import { Link } from "react-router";

import { explorerLink } from "../app/chain.ts";
import { useProfile } from "../hooks/use-profile.ts";
import { ProfileName } from "./profile-name.tsx";

/**
 * An address, shortened, with copy, an explorer link where the chain has one, and a link to its Souk profile. When
 * the account has a profile its name and picture come first; the address stays visible (names are not unique), and a
 * profile whose wallet binding does not verify says so.
 */
export function AddressView({ address, label, profile = true }: { address: string; label?: string; profile?: boolean }) {
  const [copied, setCopied] = useState(false);
  const named = useProfile(address).data ?? undefined;
  const explorer = explorerLink("address", address);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(address);
      setCopied(true);
      setTimeout(() => setCopied(false), 1_500);
    } catch {
      // clipboard refused (insecure context): the full address is in the title
    }
  };
  const text = label ?? shortAddress(address);
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-sm" title={address} data-testid="address">
      {named !== undefined && named.profile.displayName !== "" && <ProfileName view={named} />}
      <span className="inline-flex items-center gap-1 font-mono">
      {profile ? (
        <Link to={`/profile/${address}`} className="text-brand hover:underline">
          {text}
        </Link>
      ) : (
        <span>{text}</span>
      )}
      <button type="button" onClick={copy} className="rounded px-1 text-muted hover:text-text" aria-label={`Copy address ${address}`}>
        {copied ? <CheckIcon /> : <CopyIcon />}
      </button>
      {explorer !== undefined && (
        <a href={explorer} target="_blank" rel="noreferrer noopener" className="text-muted hover:text-text" aria-label="View on the block explorer">
          <ExternalIcon />
        </a>
      )}
      <span className="sr-only" aria-live="polite">
        {copied ? "Address copied" : ""}
      </span>
      </span>
    </span>
  );
}

const iconProps = { width: 14, height: 14, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, "aria-hidden": true } as const;

function CopyIcon() {
  return (
    <svg {...iconProps}>
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V5a2 2 0 0 1 2-2h10" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg {...iconProps}>
      <path d="M5 12l5 5 9-10" />
    </svg>
  );
}

function ExternalIcon() {
  return (
    <svg {...iconProps}>
      <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
    </svg>
  );
}
