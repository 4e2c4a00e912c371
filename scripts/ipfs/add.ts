// POST /api/v0/add: streams a multipart upload through the importer into the blockstore, Kubo-style.
import type { IncomingMessage, ServerResponse } from "node:http";
import { importer, type ImportResult } from "ipfs-unixfs-importer";
import type { CID } from "multiformats/cid";
import { badRequest } from "./http.ts";
import { kuboImporterOptions, parseAddOptions } from "./importer.ts";
import type { PinStore } from "./pins.ts";
import { discardingBlocks, type Staging } from "./staging.ts";
import { multipartCandidates, type UploadCandidate } from "./upload.ts";

export interface AddContext {
  staging: Staging;
  pins: PinStore;
  maxUploadBytes: number;
}

interface AddedEntry {
  Name: string;
  Hash: string;
  Size: string;
}

export async function handleAdd(
  ctx: AddContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: URLSearchParams,
): Promise<void> {
  const options = parseAddOptions(params);
  const upload = options.onlyHash ? undefined : ctx.staging.begin();
  const bytesRead = new Map<string, bigint>();
  const lines: Array<AddedEntry | { Name: string; Bytes: number }> = [];
  const roots: CID[] = [];
  let last: AddedEntry | undefined;
  try {
    const candidates = checkNames(multipartCandidates(req, ctx.maxUploadBytes), options.wrapWithDirectory);
    const results = importer(candidates, upload ?? discardingBlocks, {
      ...kuboImporterOptions(options),
      onProgress: (event) => {
        if (event.type === "unixfs:importer:progress:file:read") {
          const detail = event.detail as { path?: string; bytesRead: bigint };
          bytesRead.set(detail.path ?? "", detail.bytesRead);
        }
      },
    });
    for await (const result of results) {
      const entry = toKubo(result, options.wrapWithDirectory);
      if (options.progress && result.unixfs?.isDirectory() !== true) {
        lines.push({ Name: entry.Name, Bytes: Number(bytesRead.get(result.path ?? "") ?? 0n) });
      }
      lines.push(entry);
      last = entry;
      // Like Kubo: the wrapping directory, or else each top-level entry; nested ones are pinned through them.
      const path = result.path ?? "";
      if (options.wrapWithDirectory ? path === "" : !path.includes("/")) roots.push(result.cid);
    }
    if (last === undefined) throw badRequest("no file to add: expected at least one file part");
    if (upload !== undefined && options.pin) {
      for (const root of roots) await ctx.pins.add(root, { recursive: true });
    }
    upload?.commit();
  } catch (err) {
    await upload?.rollback();
    throw err;
  }

  // Answered only now, after the whole upload: a 413 or a rollback must still be able to change the status.
  const output = options.quieter ? [last] : lines;
  const body = output.map((line) => JSON.stringify(line) + "\n").join("");
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("X-Chunked-Output", "1");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/** Kubo names the wrapping directory "" and an unnamed file by its CID. */
function toKubo(result: ImportResult, wrapped: boolean): AddedEntry {
  const hash = result.cid.toString();
  const path = result.path ?? "";
  return { Name: path === "" && !wrapped ? hash : path, Hash: hash, Size: result.size.toString() };
}

/** A file without a name cannot be placed in the wrapping directory. */
async function* checkNames(
  candidates: AsyncIterable<UploadCandidate>,
  wrapWithDirectory: boolean,
): AsyncGenerator<UploadCandidate> {
  for await (const candidate of candidates) {
    if (candidate.path === "" && wrapWithDirectory) {
      throw badRequest("every file needs a name with wrap-with-directory");
    }
    yield candidate;
  }
}
