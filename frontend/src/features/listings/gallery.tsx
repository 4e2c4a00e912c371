import type { ImageRef } from "@souk/sdk/schemas";
import { useId, useRef, useState, type KeyboardEvent } from "react";

import { VerifiedImage } from "../../components/verified-image.tsx";

/**
 * The listing's photos: a large one and a row of thumbnails. Thumbnails are one tab stop; arrow keys, Home and End
 * move between them (and show the photo), as in a tab list. Every image is checked against its CID before showing.
 */
export function Gallery({ images, title }: { images: readonly ImageRef[]; title: string }) {
  const panelId = useId();
  const [index, setIndex] = useState(0);
  const thumbs = useRef<Array<HTMLButtonElement | null>>([]);
  const count = images.length;
  const current = images[Math.min(index, count - 1)];

  if (current === undefined) {
    return (
      <div className="card flex aspect-[4/3] flex-col items-center justify-center gap-2 text-muted">
        <span aria-hidden="true" className="text-4xl">
          ◇
        </span>
        <span>The seller added no photos</span>
      </div>
    );
  }

  const show = (next: number, focus = false) => {
    const wrapped = (next + count) % count;
    setIndex(wrapped);
    if (focus) thumbs.current[wrapped]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    show(target, true);
  };
  const altOf = (image: ImageRef, i: number) => image.alt ?? `${title}, photo ${i + 1}`;

  return (
    <div className="flex flex-col gap-3">
      <figure id={panelId} role={count > 1 ? "tabpanel" : undefined} className="relative overflow-hidden rounded-[var(--radius-card)] border border-border bg-surface-muted">
        <VerifiedImage key={current.cid} cid={current.cid} alt={altOf(current, index)} className="aspect-[4/3] w-full" />
        {count > 1 && (
          <>
            <button
              type="button"
              onClick={() => show(index - 1)}
              aria-label="Previous photo"
              className="absolute top-1/2 left-3 flex size-10 -translate-y-1/2 items-center justify-center rounded-full bg-surface/90 text-lg shadow-md hover:bg-surface"
            >
              <span aria-hidden="true">‹</span>
            </button>
            <button
              type="button"
              onClick={() => show(index + 1)}
              aria-label="Next photo"
              className="absolute top-1/2 right-3 flex size-10 -translate-y-1/2 items-center justify-center rounded-full bg-surface/90 text-lg shadow-md hover:bg-surface"
            >
              <span aria-hidden="true">›</span>
            </button>
            <figcaption className="absolute right-3 bottom-3 rounded-full bg-surface/90 px-2.5 py-1 text-xs font-medium shadow-sm" aria-live="polite">
              Photo {index + 1} of {count}
            </figcaption>
          </>
        )}
      </figure>
      {count > 1 && (
        <div role="tablist" aria-label="Photos" aria-orientation="horizontal" className="flex gap-2 overflow-x-auto p-1" onKeyDown={onKeyDown}>
          {images.map((image, i) => (
            <button
              key={`${image.cid}-${i}`}
              ref={(element) => {
                thumbs.current[i] = element;
              }}
              type="button"
              role="tab"
              aria-selected={i === index}
              aria-controls={panelId}
              aria-label={`Photo ${i + 1} of ${count}: ${altOf(image, i)}`}
              tabIndex={i === index ? 0 : -1}
              onClick={() => show(i)}
              className={`size-16 shrink-0 overflow-hidden rounded-[var(--radius-control)] border-2 sm:size-20 ${i === index ? "border-brand" : "border-transparent opacity-75 hover:opacity-100"}`}
            >
              <VerifiedImage cid={image.cid} alt="" className="size-full" />
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
