import { MAX_IMAGE_BYTES } from "@souk/sdk/schemas";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { fetchVerified, IpfsError, retryIpfs } from "../lib/ipfs.ts";
import { sniffImageType } from "@souk/sdk/image-type";

/**
 * An image from IPFS, shown only after its bytes matched the CID and turned out to be a raster image: the browser
 * never loads the gateway URL itself. Mismatching bytes show "could not be verified", never the image.
 */
export function VerifiedImage({ cid, alt, className = "" }: { cid: string; alt: string; className?: string }) {
  const query = useQuery({
    queryKey: ["image", cid],
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: retryIpfs,
    queryFn: async ({ signal }) => {
      const bytes = await fetchVerified(cid, { maxBytes: MAX_IMAGE_BYTES, signal });
      const type = sniffImageType(bytes);
      if (type === undefined) throw new IpfsError("unverified", "This file is not an image.");
      return new Blob([bytes as BlobPart], { type });
    },
  });
  // The object URL belongs to this mounted component: created in the effect and revoked in its cleanup, so a
  // remount (StrictMode, navigation back) gets a fresh one for the cached blob.
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (query.data === undefined) return;
    const objectUrl = URL.createObjectURL(query.data);
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(undefined);
    };
  }, [query.data]);

  if (url !== undefined) return <img src={url} alt={alt} className={`object-cover ${className}`} loading="lazy" decoding="async" />;
  if (query.error !== null) {
    const kind = query.error instanceof IpfsError ? query.error.kind : "unreachable";
    const label = kind === "unverified" ? "⚠ Image could not be verified" : kind === "too-large" ? "Image too large to show" : "Image unavailable";
    return (
      <div
        role="img"
        aria-label={label.replace("⚠ ", "")}
        className={`flex items-center justify-center bg-surface-muted p-3 text-center text-xs text-muted ${className}`}
        data-verified="false"
      >
        {label}
      </div>
    );
  }
  return <div className={`animate-pulse bg-surface-muted ${className}`} aria-hidden="true" />;
}
