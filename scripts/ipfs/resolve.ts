// Resolution of content paths to UnixFS entries, from local blocks only, with errors the HTTP layers can map.
import { exporter, walkPath, type ReadableStorage, type UnixFSEntry } from "ipfs-unixfs-exporter";
import type { CID } from "multiformats/cid";
import { blockNotFound, hasBlock, type Blocks } from "./blocks.ts";
import { badRequest, HttpError, NotFoundError, operationFailed } from "./http.ts";
import { exporterPath, type ContentPath } from "./paths.ts";

/** The exporter's view of the store: a missing block fails at once with the CID that is missing. */
function localStorage(blocks: Blocks): ReadableStorage {
  return {
    async *get(cid, options) {
      if (!(await hasBlock(blocks, cid))) throw blockNotFound(cid);
      yield* blocks.get(cid, options);
    },
  };
}

function mapError(err: unknown, path: ContentPath): Error {
  if (err instanceof HttpError) return err;
  const error = err instanceof Error ? err : new Error(String(err));
  switch (error.name) {
    case "NotFoundError":
    case "BlockNotFoundWhileOfflineError":
      return new NotFoundError(`${exporterPath(path)}: ${error.message}`);
    case "BadPathError":
      return badRequest(error.message);
    case "NoResolverError":
    case "NotUnixFSError":
      return operationFailed(`${exporterPath(path)}: ${error.message}`);
    default:
      return error;
  }
}

export async function exportEntry(blocks: Blocks, path: ContentPath): Promise<UnixFSEntry> {
  try {
    return await exporter(exporterPath(path), localStorage(blocks), { offline: true });
  } catch (err) {
    throw mapError(err, path);
  }
}

export interface ResolvedPath {
  /** The CID the path points to. */
  terminal: CID;
  /** CIDs of the blocks walked through to get there (root and directories, not the terminal). */
  traversed: CID[];
}

export async function resolvePath(blocks: Blocks, path: ContentPath): Promise<ResolvedPath> {
  if (path.segments.length === 0) return { terminal: path.cid, traversed: [] };
  const cids: CID[] = [];
  try {
    for await (const entry of walkPath(exporterPath(path), localStorage(blocks), {
      offline: true,
      yieldSubShards: true,
    })) {
      cids.push(entry.cid);
    }
  } catch (err) {
    throw mapError(err, path);
  }
  const terminal = cids.pop();
  if (terminal === undefined) throw new NotFoundError(`${exporterPath(path)}: no such path`);
  return { terminal, traversed: cids };
}

/** Reads a whole UnixFS file (or raw block) into memory; for small files only. */
export async function readAll(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}
