import { useId, useState, type DragEvent } from "react";

import { Spinner } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { Icon } from "./icons.tsx";
import type { ImageItem } from "./image-items.ts";
import { MAX_IMAGES } from "./limits.ts";
import { Section } from "./section.tsx";
import type { ImageItemsApi } from "./use-image-items.ts";

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif,image/avif";
const REORDER_TYPE = "application/x-souk-picture";

/**
 * Pictures: drop files or choose them (the chooser is a real file input, reachable with Tab and opened with Enter
 * or Space), then reorder with the arrow buttons or by dragging, remove, and describe each one for screen readers.
 */
export function PhotosSection({ images, title, errorOf }: { images: ImageItemsApi; title: string; errorOf: (key: string) => string | undefined }) {
  const inputId = useId();
  const helpId = useId();
  const [dragging, setDragging] = useState(false);
  const full = images.items.length >= MAX_IMAGES;
  const error = errorOf("images");

  const isFileDrag = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  const onDrop = (event: DragEvent) => {
    if (!isFileDrag(event)) return;
    event.preventDefault();
    setDragging(false);
    images.addFiles([...event.dataTransfer.files]);
  };

  return (
    <Section
      title="Photos"
      description="Up to 8 pictures. The first one is the cover buyers see in the catalogue."
      aside={<span className="text-sm text-muted">{images.items.length} of {MAX_IMAGES}</span>}
    >
      {!full && (
        <div
          onDragOver={(event) => {
            if (!isFileDrag(event)) return;
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
          className={`relative flex flex-col items-center gap-3 rounded-[var(--radius-card)] border-2 border-dashed px-4 py-8 text-center transition-colors ${
            dragging ? "border-brand bg-brand-soft" : "border-border bg-surface-muted/50"
          }`}
        >
          <span className="flex size-12 items-center justify-center rounded-full bg-brand-soft text-brand">
            <Icon name="photo" className="size-6" />
          </span>
          <div className="flex flex-col gap-1">
            <p className="font-medium">
              Drag pictures here, or{" "}
              <input
                id={inputId}
                type="file"
                accept={ACCEPT}
                multiple
                className="peer sr-only"
                aria-describedby={helpId}
                data-field="images"
                onChange={(event) => {
                  images.addFiles([...(event.target.files ?? [])]);
                  event.target.value = "";
                }}
              />
              <label
                htmlFor={inputId}
                className="cursor-pointer rounded text-brand underline underline-offset-2 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-focus hover:text-brand-strong"
              >
                choose files
              </label>
            </p>
            <p id={helpId} className="text-xs text-muted">
              PNG, JPEG, WebP, GIF or AVIF, up to 15 MB each. Souk resizes them and stores them as WebP.
            </p>
          </div>
        </div>
      )}

      {images.notices.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label="Pictures not added">
          {images.notices.map((notice) => (
            <li key={notice.id} className="flex items-start gap-2 rounded-[var(--radius-control)] bg-warning-soft px-3 py-2 text-sm text-warning">
              <Icon name="warning" className="mt-0.5 size-4 shrink-0" />
              <span className="flex-1 break-words">{notice.message}</span>
              <button type="button" className="rounded px-1 font-bold" aria-label={`Dismiss: ${notice.message}`} onClick={() => images.dismissNotice(notice.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="sr-only" aria-live="polite">
        {images.notices.map((n) => n.message).join(" ")}
      </p>

      {images.items.length > 0 && (
        <ol className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3" aria-label="Pictures, in order">
          {images.items.map((item, index) => (
            <Thumbnail key={item.key} item={item} index={index} count={images.items.length} images={images} title={title} errorOf={errorOf} />
          ))}
        </ol>
      )}

      {error !== undefined && (
        <p className="text-sm text-danger" role="alert">
          {error}
        </p>
      )}
    </Section>
  );
}

function Thumbnail({
  item,
  index,
  count,
  images,
  title,
  errorOf,
}: {
  item: ImageItem;
  index: number;
  count: number;
  images: ImageItemsApi;
  title: string;
  errorOf: (key: string) => string | undefined;
}) {
  const [over, setOver] = useState(false);
  const position = `picture ${index + 1}`;
  const altDefault = title.trim() === "" ? "the listing's title" : `“${title.trim()}”`;
  return (
    <li
      className={`flex flex-col gap-3 rounded-[var(--radius-card)] border bg-surface p-2 ${over ? "border-brand" : "border-border"}`}
      draggable={item.kind !== "processing"}
      onDragStart={(event) => {
        event.dataTransfer.setData(REORDER_TYPE, item.key);
        event.dataTransfer.effectAllowed = "move";
      }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(REORDER_TYPE)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        const key = event.dataTransfer.getData(REORDER_TYPE);
        setOver(false);
        if (key === "") return;
        event.preventDefault();
        images.moveTo(key, index);
      }}
    >
      <div className="relative aspect-[4/3] overflow-hidden rounded-[var(--radius-control)] bg-surface-muted">
        {item.kind === "processing" ? (
          <div className="flex size-full flex-col items-center justify-center gap-2 text-sm text-muted" role="status">
            <Spinner />
            <span className="max-w-full truncate px-2">Preparing {item.name}…</span>
          </div>
        ) : item.kind === "ready" ? (
          <img src={item.previewUrl} alt="" className="size-full object-cover" />
        ) : (
          <VerifiedImage cid={item.cid} alt="" className="size-full" />
        )}
        {index === 0 && item.kind !== "processing" && (
          <span className="absolute top-2 left-2 rounded-full bg-brand px-2 py-0.5 text-xs font-semibold text-on-brand">Cover</span>
        )}
      </div>
      {item.kind !== "processing" && (
        <>
          <div className="flex items-center gap-1">
            <IconButton label={`Move ${position} earlier`} disabled={index === 0} onClick={() => images.move(item.key, -1)} icon="left" />
            <IconButton label={`Move ${position} later`} disabled={index === count - 1} onClick={() => images.move(item.key, 1)} icon="right" />
            <span className="hidden min-w-0 flex-1 truncate px-1 text-xs text-muted sm:inline" title={item.name}>
              {item.kind === "ready" ? `${item.width}×${item.height} · ${Math.ceil(item.bytes.byteLength / 1024)} KB` : "Published"}
            </span>
            <span className="flex-1 sm:hidden" />
            <IconButton label={`Remove ${position}`} onClick={() => images.remove(item.key)} icon="trash" tone="danger" />
          </div>
          <Field label={`Describe ${position}`} help={`Read aloud by screen readers. If empty: ${altDefault}.`} error={errorOf(`images.${item.key}.alt`)}>
            {(props) => (
              <input
                {...props}
                className="input text-sm"
                value={item.alt}
                maxLength={200}
                placeholder={title.trim() === "" ? "What does this picture show?" : title.trim()}
                data-field={`images.${item.key}.alt`}
                onChange={(event) => images.setAlt(item.key, event.target.value)}
              />
            )}
          </Field>
        </>
      )}
    </li>
  );
}

function IconButton({
  label,
  icon,
  onClick,
  disabled = false,
  tone = "neutral",
}: {
  label: string;
  icon: "left" | "right" | "trash";
  onClick: () => void;
  disabled?: boolean;
  tone?: "neutral" | "danger";
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={`flex size-8 shrink-0 items-center justify-center rounded-[var(--radius-control)] border border-border disabled:opacity-40 sm:size-9 ${
        tone === "danger" ? "text-danger hover:bg-danger-soft" : "hover:bg-surface-muted"
      }`}
    >
      <Icon name={icon} className="size-4" />
    </button>
  );
}
