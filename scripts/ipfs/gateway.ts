// Trustless gateway: GET/HEAD /ipfs/<cid>[/path] as raw block, CAR, or the file's bytes with a safe type.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getBlock, hasBlock, blockNotFound, type Blocks } from "./blocks.ts";
import { carBlocks, writeCar, type DagScope } from "./car.ts";
import { JSON_SNIFF_LIMIT, JSON_TYPE, SNIFF_BYTES, sniffContentType } from "./content-type.ts";
import { handleCors, type CorsPolicy } from "./cors.ts";
import { badRequest, errorMessage, HttpError, NotFoundError, sendJson, sendText, setSecurityHeaders } from "./http.ts";
import { parseGatewayPath, type ContentPath } from "./paths.ts";
import { exportEntry, readAll, resolvePath } from "./resolve.ts";

export interface GatewayContext {
  blocks: Blocks;
  cors: CorsPolicy;
}

export const GATEWAY_CORS_EXPOSED = ["Content-Length", "Content-Range", "Content-Type", "ETag", "X-Ipfs-Path"];

const RAW = "application/vnd.ipld.raw";
const CAR = "application/vnd.ipld.car";
const IMMUTABLE = "public, max-age=29030400, immutable";

type Format = "raw" | "car" | "plain";

interface Request {
  blocks: Blocks;
  req: IncomingMessage;
  res: ServerResponse;
  path: ContentPath;
  head: boolean;
}

/** `?format=` wins over `Accept`, as in the trustless gateway spec. */
function responseFormat(url: URL, accept: string | undefined): Format {
  const format = url.searchParams.get("format");
  if (format !== null && format !== "") {
    if (format === "raw" || format === "car") return format;
    throw badRequest(`unsupported format "${format}": use raw or car`);
  }
  for (const item of (accept ?? "").split(",")) {
    const [type = "", ...params] = item.split(";").map((s) => s.trim().toLowerCase());
    if (params.some((p) => /^q=0(\.0*)?$/.test(p))) continue;
    if (type === RAW) return "raw";
    if (type === CAR) {
      const version = params.find((p) => p.startsWith("version="));
      if (version !== undefined && version !== "version=1") throw new HttpError(406, "only CAR version 1 is served");
      return "car";
    }
  }
  return "plain";
}

function dagScope(url: URL): DagScope {
  const scope = url.searchParams.get("dag-scope") ?? "all";
  if (scope !== "all" && scope !== "block") throw badRequest(`unsupported dag-scope "${scope}": use all or block`);
  return scope;
}

/** Immutable content: a matching If-None-Match is answered 304 without touching the body. */
function notModified({ req, res }: Request, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (header === undefined) return false;
  const tags = header.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (!tags.includes(etag) && !tags.includes("*")) return false;
  res.statusCode = 304;
  res.end();
  return true;
}

function setCaching(res: ServerResponse, etag: string): void {
  res.setHeader("Cache-Control", IMMUTABLE);
  res.setHeader("ETag", etag);
}

async function serveRaw(request: Request): Promise<void> {
  const { res } = request;
  const { terminal } = await resolvePath(request.blocks, request.path);
  const etag = `"${terminal}.raw"`;
  const bytes = await getBlock(request.blocks, terminal);
  setCaching(res, etag);
  if (notModified(request, etag)) return;
  res.statusCode = 200;
  res.setHeader("Content-Type", RAW);
  res.setHeader("Content-Length", bytes.byteLength);
  res.setHeader("Content-Disposition", `attachment; filename="${terminal}.bin"`);
  res.end(request.head ? undefined : bytes);
}

async function serveCar(request: Request, scope: DagScope, pathKey: string): Promise<void> {
  const { res } = request;
  const blocks = request.blocks;
  const { terminal, traversed } = await resolvePath(blocks, request.path);
  if (!(await hasBlock(blocks, terminal))) throw blockNotFound(terminal);
  const etag = `"${pathKey}.${scope}.car"`;
  setCaching(res, etag);
  if (notModified(request, etag)) return;
  res.statusCode = 200;
  res.setHeader("Content-Type", `${CAR}; version=1`);
  res.setHeader("Content-Disposition", `attachment; filename="${terminal}.car"`);
  if (request.head) {
    res.end();
    return;
  }
  await writeCar(res, request.path.cid, carBlocks(blocks, traversed, terminal, scope));
}

interface ByteRange {
  start: number;
  end: number;
}

/** A single `bytes=` range; anything else (several ranges, bad syntax) is ignored and the whole file sent. */
function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

async function servePlain(request: Request): Promise<void> {
  const { req, res } = request;
  const entry = await exportEntry(request.blocks, request.path);
  const etag = `"${entry.cid}"`;
  if (entry.type === "directory") {
    setCaching(res, etag);
    if (notModified(request, etag)) return;
    const entries: Array<{ Name: string; Cid: string; Size: number }> = [];
    for await (const child of entry.entries()) {
      entries.push({ Name: child.name, Cid: child.cid.toString(), Size: Number(child.size) });
    }
    if (request.head) {
      res.setHeader("Content-Type", JSON_TYPE);
      res.end();
      return;
    }
    sendJson(res, 200, { Cid: entry.cid.toString(), Entries: entries });
    return;
  }
  if (entry.type === "object") throw new HttpError(501, `${entry.cid} is not a UnixFS file or raw block`);

  const size = Number(entry.size);
  setCaching(res, etag);
  if (notModified(request, etag)) return;
  const whole = size <= JSON_SNIFF_LIMIT ? await readAll(entry.content()) : undefined;
  const head = whole ?? (await readAll(entry.content({ offset: 0, length: Math.min(SNIFF_BYTES, size) })));
  res.setHeader("Content-Type", sniffContentType(head, whole !== undefined));
  res.setHeader("Accept-Ranges", "bytes");

  const range = parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    res.statusCode = 416;
    res.setHeader("Content-Range", `bytes */${size}`);
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = Math.max(0, end - start + 1);
  res.statusCode = range === undefined ? 200 : 206;
  if (range !== undefined) res.setHeader("Content-Range", `bytes ${start}-${end}/${size}`);
  res.setHeader("Content-Length", length);
  if (request.head || length === 0) {
    res.end();
    return;
  }
  if (whole !== undefined) {
    res.end(whole.subarray(start, end + 1));
    return;
  }
  await pipeline(Readable.from(entry.content({ offset: start, length })), res);
}

function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    return;
  }
  res.removeHeader("Cache-Control");
  res.removeHeader("ETag");
  res.removeHeader("Content-Disposition");
  res.removeHeader("Accept-Ranges");
  // An absent block may be added later: errors must not be cached like content.
  res.setHeader("Cache-Control", "no-store");
  if (err instanceof NotFoundError) return sendText(res, 404, `404 Not Found: ${err.message}`);
  if (err instanceof HttpError) return sendText(res, err.status, `${err.status} ${err.message}`);
  sendText(res, 500, `500 Internal Server Error: ${errorMessage(err)}`);
}

export function createGatewayHandler(
  ctx: GatewayContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    setSecurityHeaders(res);
    try {
      if (handleCors(req, res, ctx.cors)) return;
      res.setHeader("Vary", "Origin, Accept");
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("Allow", "GET, HEAD, OPTIONS");
        throw new HttpError(405, `method ${req.method} not allowed`);
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith("/ipfs/")) throw new HttpError(404, "not found: only /ipfs/<cid> paths are served");
      const pathKey = url.pathname.slice("/ipfs/".length);
      const path = parseGatewayPath(pathKey);
      const request: Request = { blocks: ctx.blocks, req, res, path, head: req.method === "HEAD" };
      res.setHeader("X-Ipfs-Path", url.pathname);
      const format = responseFormat(url, req.headers.accept);
      if (format === "raw") await serveRaw(request);
      else if (format === "car") await serveCar(request, dagScope(url), pathKey);
      else await servePlain(request);
    } catch (err) {
      sendError(res, err);
    }
  };
}
