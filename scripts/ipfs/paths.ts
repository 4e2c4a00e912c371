// Parsing of "<cid>[/path]" and "/ipfs/<cid>[/path]" content paths.
import { CID } from "multiformats/cid";
import { badRequest } from "./http.ts";

export interface ContentPath {
  cid: CID;
  /** Path segments below the CID, already percent-decoded, without empty segments. */
  segments: string[];
}

/** Parses a CID string; malformed input is a client error (400). */
export function parseCid(text: string): CID {
  try {
    return CID.parse(text);
  } catch (err) {
    throw badRequest(`invalid CID "${text}": ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Parses an RPC `arg` such as `Qm...`, `Qm.../dir/file` or `/ipfs/Qm.../dir/file` (already URL-decoded). */
export function parseContentPath(arg: string): ContentPath {
  let rest = arg;
  if (rest.startsWith("/ipfs/")) rest = rest.slice("/ipfs/".length);
  else if (rest.startsWith("/")) throw badRequest(`invalid path "${arg}": only /ipfs/ paths are supported`);
  const [first = "", ...segments] = rest.split("/");
  if (first === "") throw badRequest(`invalid path "${arg}": missing CID`);
  return { cid: parseCid(first), segments: segments.filter((s) => s !== "") };
}

/** Parses the part of a gateway URL after `/ipfs/` (still percent-encoded). */
export function parseGatewayPath(encoded: string): ContentPath {
  const [first = "", ...raw] = encoded.split("/");
  const segments = raw
    .filter((s) => s !== "")
    .map((s) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(s);
      } catch {
        throw badRequest(`invalid path segment "${s}"`);
      }
      if (decoded.includes("/")) throw badRequest(`invalid path segment "${s}"`);
      return decoded;
    });
  if (first === "") throw badRequest("missing CID after /ipfs/");
  return { cid: parseCid(first), segments };
}

/** The string form that ipfs-unixfs-exporter accepts: "<cid>/a/b". */
export function exporterPath({ cid, segments }: ContentPath): string {
  return [cid.toString(), ...segments].join("/");
}
