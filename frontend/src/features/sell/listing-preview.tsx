import { formatAmount } from "@souk/sdk/format";

import { VerifiedImage } from "../../components/verified-image.tsx";
import { Icon } from "./icons.tsx";
import type { ImageItem } from "./image-items.ts";

/** How the listing will look as a card in the catalogue, updated while the seller types. */
export function ListingPreview({
  cover,
  title,
  category,
  price,
  token,
}: {
  cover: ImageItem | undefined;
  title: string;
  category: string;
  price: bigint | undefined;
  token: { symbol: string; decimals: number } | undefined;
}) {
  return (
    <figure className="card flex overflow-hidden lg:block" aria-label="Preview of the catalogue card">
      <div className="aspect-square w-28 shrink-0 bg-surface-muted min-[420px]:w-36 lg:aspect-[4/3] lg:w-auto">
        {cover?.kind === "ready" ? (
          <img src={cover.previewUrl} alt="" className="size-full object-cover" />
        ) : cover?.kind === "published" ? (
          <VerifiedImage cid={cover.cid} alt="" className="size-full" />
        ) : (
          <div className="flex size-full flex-col items-center justify-center gap-2 text-muted">
            <Icon name="photo" className="size-8" />
            <span className="text-xs">{cover === undefined ? "No picture yet" : "Preparing…"}</span>
          </div>
        )}
      </div>
      <figcaption className="flex min-w-0 flex-col justify-center gap-1 p-4">
        <span className="text-xs font-medium tracking-wide text-muted uppercase">{category === "" ? "Category" : category}</span>
        <span className={`line-clamp-2 font-semibold break-words ${title.trim() === "" ? "text-muted" : ""}`}>
          {title.trim() === "" ? "Your title" : title.trim()}
        </span>
        <span className="text-lg font-bold text-brand">
          {price !== undefined && token !== undefined ? `${formatAmount(price, token.decimals)} ${token.symbol}` : `— ${token?.symbol ?? ""}`}
        </span>
      </figcaption>
    </figure>
  );
}
