/**
 * Reading from IPFS without trusting the gateway: bytes are fetched from the configured gateways in turn and hashed
 * against the CID before anything else sees them. A raw block is checked directly; a larger file comes as a CAR
 * whose every block is checked (that code loads on demand). A gateway that lies is skipped; if none has verifiable
 * bytes the caller gets an IpfsError saying which.
 */
import { isRawCid, parseCid, verifyBlock } from "@souk/sdk/cid";

import { env } from "../app/env.ts";

export type IpfsErrorKind = "unverified" | "not-found" | "unreachable" | "too-large";

export class IpfsError extends Error {
  override name = "IpfsError";
  constructor(
    readonly kind: IpfsErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * TanStack Query retry rule for IPFS reads: a gateway that did not answer may answer next time, but content that
 * failed verification or is too large will not change (a CID names fixed bytes), so those are not retried.
 */
export function retryIpfs(failureCount: number, error: Error): boolean {
  return failureCount < 2 && !(error instanceof IpfsError && (error.kind === "unverified" || error.kind === "too-large"));
}
const TIMEOUT_MS = 15_000;

/** Fetches the bytes `cid` names, verified, from the first gateway that has them. */
export async function fetchVerified(
  cid: string,
  options: { maxBytes?: number; signal?: AbortSignal; gateways?: string[] } = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const gateways = options.gateways ?? env.gateways;
  let parsedOk = true;
  try {
    parseCid(cid);
  } catch {
    parsedOk = false;
  }
  if (!parsedOk) throw new IpfsError("unverified", `"${cid}" is not a valid content identifier.`);
  const raw = isRawCid(cid);
  const failures: IpfsErrorKind[] = [];
  for (const gateway of gateways) {
    try {
      const response = await fetch(`${gateway}/ipfs/${cid}?format=${raw ? "raw" : "car"}`, {
        headers: { accept: raw ? "application/vnd.ipld.raw" : "application/vnd.ipld.car" },
        signal: options.signal === undefined ? AbortSignal.timeout(TIMEOUT_MS) : AbortSignal.any([options.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      if (response.status === 404) {
        failures.push("not-found");
        continue;
      }
      if (!response.ok) {
        failures.push("unreachable");
        continue;
      }
      const bytes = await readLimited(response, raw ? maxBytes : maxBytes + 64 * 1024);
      if (raw) {
        if (await verifyBlock(cid, bytes)) return bytes;
        failures.push("unverified");
      } else {
        const { fileFromCar, FileTooLargeError } = await import("@souk/sdk/car");
        try {
          return await fileFromCar(cid, bytes, { maxBytes });
        } catch (error) {
          // Too large is the caller's limit, not a sign of tampering: the two are told apart up to the page.
          failures.push(error instanceof FileTooLargeError ? "too-large" : "unverified");
        }
      }
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      failures.push(error instanceof IpfsError ? error.kind : "unreachable");
    }
  }
  if (failures.includes("unverified")) {
    throw new IpfsError("unverified", "This content could not be verified: the gateway returned different bytes.");
  }
  if (failures.includes("too-large")) {
    throw new IpfsError("too-large", `This content is larger than the ${formatBytes(maxBytes)} allowed here, so it was not downloaded.`);
  }
  if (failures.length > 0 && failures.every((f) => f === "not-found")) {
    throw new IpfsError("not-found", "This content is not available on the IPFS gateways.");
  }
  throw new IpfsError("unreachable", "The IPFS gateway could not be reached.");
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new IpfsError("too-large", "This content is larger than allowed.");
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new IpfsError("too-large", "This content is larger than allowed.");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
