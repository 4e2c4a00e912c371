// Kubo's `add` options, translated into ipfs-unixfs-importer options that give Kubo-identical CIDs.
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import type { ImporterOptions } from "ipfs-unixfs-importer";
import { badRequest } from "./http.ts";

/** Kubo's defaults: 256 KiB fixed-size chunks, balanced DAG with at most 174 links per node. */
export const KUBO_CHUNK_SIZE = 262_144;
export const KUBO_MAX_LINKS = 174;
/** Kubo refuses larger chunks. */
const MAX_CHUNK_SIZE = 1_048_576;

export interface AddOptions {
  cidVersion: 0 | 1;
  rawLeaves: boolean;
  chunkSize: number;
  pin: boolean;
  onlyHash: boolean;
  wrapWithDirectory: boolean;
  progress: boolean;
  /** Kubo's `quieter`: report only the final root. */
  quieter: boolean;
}

/** Reads a Kubo boolean option (`true`/`false`/`1`/`0`, a bare flag is true) under any of its names. */
export function boolParam(params: URLSearchParams, names: string[], fallback: boolean): boolean {
  for (const name of names) {
    const value = params.get(name);
    if (value === null) continue;
    switch (value.toLowerCase()) {
      case "":
      case "true":
      case "1":
      case "t":
        return true;
      case "false":
      case "0":
      case "f":
        return false;
      default:
        throw badRequest(`invalid value "${value}" for option "${names[0]}": expected true or false`);
    }
  }
  return fallback;
}

export function parseAddOptions(params: URLSearchParams): AddOptions {
  const version = params.get("cid-version") ?? "0";
  if (version !== "0" && version !== "1") {
    throw badRequest(`invalid value "${version}" for option "cid-version": expected 0 or 1`);
  }
  const cidVersion = version === "1" ? 1 : 0;

  const hash = params.get("hash");
  if (hash !== null && hash !== "sha2-256") {
    throw badRequest(`unsupported hash "${hash}": souk-ipfs only supports sha2-256`);
  }
  for (const [name, aliases] of [
    ["trickle", ["t"]],
    ["inline", []],
    ["nocopy", []],
  ] as const) {
    if (boolParam(params, [name, ...aliases], false)) {
      throw badRequest(`option "${name}" is not supported by souk-ipfs`);
    }
  }
  if (params.has("to-files")) throw badRequest('option "to-files" is not supported by souk-ipfs');
  // Kubo stores these in the UnixFS nodes, which changes the CIDs.
  for (const name of ["mode", "mtime", "preserve-mode", "preserve-mtime"]) {
    if (params.has(name) && params.get(name) !== "false") {
      throw badRequest(`option "${name}" is not supported by souk-ipfs`);
    }
  }

  return {
    cidVersion,
    // Like Kubo: raw leaves by default with CIDv1 only.
    rawLeaves: boolParam(params, ["raw-leaves"], cidVersion === 1),
    chunkSize: parseChunker(params.get("chunker") ?? params.get("s")),
    pin: boolParam(params, ["pin"], true),
    onlyHash: boolParam(params, ["only-hash", "n"], false),
    wrapWithDirectory: boolParam(params, ["wrap-with-directory", "w"], false),
    progress: boolParam(params, ["progress", "p"], false),
    quieter: boolParam(params, ["quieter", "Q"], false),
  };
}

/** Only Kubo's fixed-size chunker (`size-<bytes>`) is supported. */
function parseChunker(value: string | null): number {
  if (value === null || value === "") return KUBO_CHUNK_SIZE;
  const match = /^size-(\d+)$/.exec(value);
  const size = match?.[1] !== undefined ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_CHUNK_SIZE) {
    throw badRequest(
      `unsupported chunker "${value}": souk-ipfs supports size-<bytes> with 1 <= bytes <= ${MAX_CHUNK_SIZE}`,
    );
  }
  return size;
}

/**
 * Every option that decides the CIDs is set explicitly: ipfs-unixfs-importer's own defaults (CIDv1, raw
 * leaves, 1024-link layout in newer profiles) differ from Kubo's.
 */
export function kuboImporterOptions(options: AddOptions): ImporterOptions {
  return {
    cidVersion: options.cidVersion,
    rawLeaves: options.rawLeaves,
    leafType: "file",
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: options.chunkSize }),
    layout: balanced({ maxChildrenPerNode: KUBO_MAX_LINKS }),
    wrapWithDirectory: options.wrapWithDirectory,
    shardSplitThresholdBytes: 262_144,
    shardSplitStrategy: "links-bytes",
    fieldOrder: "links-first",
    // Files arrive one after the other from a single multipart stream: importing several at once would wait
    // for a part that the parser only reaches once the current one has been read.
    fileImportConcurrency: 1,
  };
}
