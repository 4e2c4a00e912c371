import { useMemo, type CSSProperties } from "react";

import { IDENTICON_SIZE, identicon } from "./identicon.ts";

const SIZES = { sm: "size-9", md: "size-12", lg: "size-16 sm:size-24" } as const;

/**
 * The generated picture of an account: drawn here from the address, so no image service learns who is looked at.
 * Decorative (the address is always shown next to it).
 */
export function Avatar({ address, size = "md", className = "" }: { address: string; size?: keyof typeof SIZES; className?: string }) {
  const { hue, backgroundHue, cells } = useMemo(() => identicon(address), [address]);
  const pad = 0.75;
  const box = IDENTICON_SIZE + pad * 2;
  return (
    <svg
      viewBox={`0 0 ${box} ${box}`}
      aria-hidden="true"
      focusable="false"
      data-testid="avatar"
      className={`shrink-0 rounded-[22%] ring-1 ring-border ${SIZES[size]} ${className}`}
      style={{ "--avatar-h": hue, "--avatar-bg-h": backgroundHue } as CSSProperties}
      shapeRendering="crispEdges"
    >
      <rect
        width={box}
        height={box}
        className="fill-[hsl(var(--avatar-bg-h)_55%_93%)] dark:fill-[hsl(var(--avatar-bg-h)_30%_20%)]"
      />
      <g className="fill-[hsl(var(--avatar-h)_62%_42%)] dark:fill-[hsl(var(--avatar-h)_70%_64%)]">
        {cells.map((on, i) =>
          on ? <rect key={i} x={pad + (i % IDENTICON_SIZE)} y={pad + Math.floor(i / IDENTICON_SIZE)} width={1} height={1} /> : null,
        )}
      </g>
    </svg>
  );
}
