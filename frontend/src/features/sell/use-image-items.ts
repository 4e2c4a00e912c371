import { rawCidOf } from "@souk/sdk/cid";
import { useCallback, useEffect, useRef, useState } from "react";

import { checkImageFile, ImageRejected, prepareImage } from "../../lib/prepare-image.ts";
import { cidOf, freeSlots, moveItem, newImageKey, type ImageItem } from "./image-items.ts";
import { MAX_IMAGES } from "./limits.ts";

export interface ImageNotice {
  id: number;
  message: string;
}

/**
 * The pictures of a form: files are checked by their bytes, resized and compressed in the browser, and get their
 * CID before anything is uploaded. Rejected files produce a notice naming the file and the reason. Preview URLs
 * are released when a picture is removed or the form goes away.
 */
export function useImageItems(initial: () => ImageItem[] = () => []) {
  const [items, setItems] = useState<ImageItem[]>(initial);
  const [notices, setNotices] = useState<ImageNotice[]>([]);
  // The latest list, updated synchronously so that pictures finishing at the same time do not overwrite each other.
  const current = useRef(items);
  const nextNotice = useRef(1);

  const update = useCallback((change: (items: ImageItem[]) => ImageItem[]) => {
    current.current = change(current.current);
    setItems(current.current);
  }, []);
  const notify = useCallback((messages: string[]) => {
    if (messages.length === 0) return;
    setNotices((all) => [...all, ...messages.map((message) => ({ id: nextNotice.current++, message }))]);
  }, []);

  useEffect(
    () => () => {
      for (const item of current.current) if (item.kind === "ready") URL.revokeObjectURL(item.previewUrl);
    },
    [],
  );

  const addFiles = useCallback(
    (files: readonly File[]) => {
      setNotices([]);
      const slots = freeSlots(current.current);
      const accepted = files.slice(0, slots);
      notify(files.slice(slots).map((file) => `${file.name} was not added: a listing can have at most ${MAX_IMAGES} pictures.`));
      const placeholders = accepted.map((file) => ({ key: newImageKey(), kind: "processing" as const, name: file.name }));
      update((items) => [...items, ...placeholders]);
      accepted.forEach((file, index) => void (async () => {
        const key = placeholders[index]!.key;
        try {
          await checkImageFile(file);
          const prepared = await prepareImage(file);
          const cid = await rawCidOf(prepared.bytes);
          const stillWanted = current.current.some((item) => item.key === key);
          const duplicate = current.current.some((item) => cidOf(item) === cid);
          if (!stillWanted || duplicate) {
            URL.revokeObjectURL(prepared.previewUrl);
            update((items) => items.filter((item) => item.key !== key));
            if (stillWanted) notify([`${file.name} was not added: the same picture is already in this listing.`]);
            return;
          }
          update((items) =>
            items.map((item) =>
              item.key === key
                ? {
                    key,
                    kind: "ready",
                    name: file.name,
                    bytes: prepared.bytes,
                    type: prepared.type,
                    width: prepared.width,
                    height: prepared.height,
                    cid,
                    previewUrl: prepared.previewUrl,
                    alt: "",
                  }
                : item,
            ),
          );
        } catch (error) {
          update((items) => items.filter((item) => item.key !== key));
          notify([error instanceof ImageRejected ? error.message : `${file.name} could not be processed as a picture.`]);
        }
      })());
    },
    [notify, update],
  );

  const remove = useCallback(
    (key: string) => {
      const item = current.current.find((i) => i.key === key);
      if (item?.kind === "ready") URL.revokeObjectURL(item.previewUrl);
      update((items) => items.filter((i) => i.key !== key));
    },
    [update],
  );

  const move = useCallback(
    (key: string, delta: number) => update((items) => moveItem(items, items.findIndex((i) => i.key === key), delta)),
    [update],
  );

  const moveTo = useCallback(
    (key: string, target: number) =>
      update((items) => {
        const from = items.findIndex((i) => i.key === key);
        return moveItem(items, from, target - from);
      }),
    [update],
  );

  const setAlt = useCallback(
    (key: string, alt: string) =>
      update((items) => items.map((item) => (item.key === key && item.kind !== "processing" ? { ...item, alt } : item))),
    [update],
  );

  /** Replaces every picture (the current description arrived after the form opened). */
  const replaceAll = useCallback(
    (next: ImageItem[]) =>
      update((items) => {
        for (const item of items) if (item.kind === "ready") URL.revokeObjectURL(item.previewUrl);
        return next;
      }),
    [update],
  );

  const dismissNotice = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);

  return { items, notices, addFiles, remove, move, moveTo, setAlt, replaceAll, dismissNotice };
}

export type ImageItemsApi = ReturnType<typeof useImageItems>;
