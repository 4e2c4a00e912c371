// The Kubo RPC API subset (/api/v0/*) that kubo-rpc-client needs: POST only, Kubo's field names and errors.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CID } from "multiformats/cid";
import { handleAdd, type AddContext } from "./add.ts";
import { getBlock, type Blocks } from "./blocks.ts";
import { handleCors, isOriginAllowed, type CorsPolicy } from "./cors.ts";
import type { Identity } from "./identity.ts";
import { boolParam } from "./importer.ts";
import {
  badRequest,
  closeAfterResponse,
  errorMessage,
  HttpError,
  operationFailed,
  sendJson,
  setSecurityHeaders,
} from "./http.ts";
import { parseContentPath } from "./paths.ts";
import type { PinTypeFilter } from "./pins.ts";
import { exportEntry, resolvePath } from "./resolve.ts";

export interface ApiContext extends AddContext {
  blocks: Blocks;
  identity: Identity;
  cors: CorsPolicy;
  versions: { service: string };
}

type Route = (ctx: ApiContext, req: IncomingMessage, res: ServerResponse, params: URLSearchParams) => Promise<void>;

const API_PREFIX = "/api/v0/";

export const API_CORS_EXPOSED = ["X-Stream-Output", "X-Chunked-Output", "X-Content-Length", "Content-Length"];

/** The `arg` values of a command; Kubo answers 400 when a required one is missing. */
function args(params: URLSearchParams, name: string, required = true): string[] {
  const values = params.getAll("arg");
  if (required && values.length === 0) throw badRequest(`argument "${name}" is required`);
  return values;
}

function firstArg(params: URLSearchParams, name: string): string {
  return args(params, name)[0] ?? "";
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === "") return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number))
    throw badRequest(`invalid value "${value}" for option "${name}": expected an integer`);
  if (number < 0) throw badRequest(`cannot specify negative ${name}`);
  return number;
}

/** A CID argument, optionally as `/ipfs/<cid>/path`, resolved to the CID it points to. */
async function cidArg(ctx: ApiContext, arg: string): Promise<CID> {
  const path = parseContentPath(arg);
  return (await resolvePath(ctx.blocks, path)).terminal;
}

const cat: Route = async (ctx, _req, res, params) => {
  const path = parseContentPath(firstArg(params, "ipfs-path"));
  const offset = intParam(params, "offset") ?? 0;
  const length = intParam(params, "length");
  const entry = await exportEntry(ctx.blocks, path);
  if (entry.type === "directory") throw operationFailed("this dag node is a directory");
  if (entry.type === "object") throw operationFailed(`${entry.cid} is not a UnixFS file`);
  const size = Number(entry.size);
  if (offset > size) throw operationFailed(`offset was past the end of file (${offset} > ${size})`);
  const count = Math.min(length ?? Infinity, size - offset);
  const content = entry.content({ offset, length: count })[Symbol.asyncIterator]();
  // The first block is read before answering so that a missing block is still a proper error response.
  const first = count > 0 ? await content.next() : { done: true as const, value: undefined };
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/octet-stream");
  res.setHeader("X-Stream-Output", "1");
  res.setHeader("X-Content-Length", String(count));
  res.setHeader("Content-Length", String(count));
  async function* body(): AsyncGenerator<Uint8Array> {
    if (first.done !== true) yield first.value;
    for (let next = await content.next(); next.done !== true; next = await content.next()) yield next.value;
  }
  await pipeline(Readable.from(body()), res);
};

const blockGet: Route = async (ctx, _req, res, params) => {
  const bytes = await getBlock(ctx.blocks, await cidArg(ctx, firstArg(params, "cid")));
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/octet-stream");
  res.setHeader("Content-Length", bytes.byteLength);
  res.end(bytes);
};

const blockStat: Route = async (ctx, _req, res, params) => {
  const cid = await cidArg(ctx, firstArg(params, "cid"));
  const bytes = await getBlock(ctx.blocks, cid);
  sendJson(res, 200, { Key: cid.toString(), Size: bytes.byteLength });
};

const pinAdd: Route = async (ctx, _req, res, params) => {
  const recursive = boolParam(params, ["recursive", "r"], true);
  const name = params.get("name") ?? undefined;
  const pinned: string[] = [];
  for (const arg of args(params, "ipfs-path")) {
    const cid = await cidArg(ctx, arg);
    await ctx.pins.add(cid, { recursive, name });
    pinned.push(cid.toString());
  }
  sendJson(res, 200, { Pins: pinned });
};

const PIN_TYPES = new Set<PinTypeFilter>(["all", "recursive", "direct", "indirect"]);

const pinLs: Route = async (ctx, _req, res, params) => {
  const type = (params.get("type") ?? "all") as PinTypeFilter;
  if (!PIN_TYPES.has(type)) {
    throw badRequest(`invalid type '${type}', must be one of {direct, indirect, recursive, all}`);
  }
  const withNames = boolParam(params, ["names", "n"], false);
  const nameFilter = params.get("name");
  const found: Array<{ cid: string; type: string; name: string }> = [];
  const paths = args(params, "ipfs-path", false);
  if (paths.length > 0) {
    for (const arg of paths) {
      const cid = await cidArg(ctx, arg);
      const status = await ctx.pins.status(cid, type);
      if (status === undefined) throw operationFailed(`path '${arg}' is not pinned`);
      found.push(status);
    }
  } else {
    for await (const pin of ctx.pins.list(type)) found.push(pin);
  }
  const listed = nameFilter === null ? found : found.filter((pin) => pin.name.includes(nameFilter));
  const describe = (pin: { type: string; name: string }) =>
    withNames ? { Type: pin.type, Name: pin.name } : { Type: pin.type };
  if (boolParam(params, ["stream", "s"], false)) {
    const body = listed.map((pin) => JSON.stringify({ Cid: pin.cid, ...describe(pin) }) + "\n").join("");
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/json");
    res.setHeader("X-Chunked-Output", "1");
    res.end(body);
    return;
  }
  sendJson(res, 200, { Keys: Object.fromEntries(listed.map((pin) => [pin.cid, describe(pin)])) });
};

const pinRm: Route = async (ctx, _req, res, params) => {
  const recursive = boolParam(params, ["recursive", "r"], true);
  const removed: string[] = [];
  for (const arg of args(params, "ipfs-path")) {
    const cid = await cidArg(ctx, arg);
    await ctx.pins.rm(cid, { recursive });
    removed.push(cid.toString());
  }
  sendJson(res, 200, { Pins: removed });
};

const version: Route = async (ctx, _req, res) => {
  sendJson(res, 200, {
    Version: `${ctx.versions.service}-souk-ipfs`,
    Commit: "",
    Repo: "",
    System: `${process.arch}/${process.platform}`,
    Golang: "",
    Agent: `souk-ipfs/${ctx.versions.service} node/${process.versions.node}`,
  });
};

const id: Route = async (ctx, _req, res, params) => {
  const peer = args(params, "peerid", false)[0];
  if (peer !== undefined && peer !== ctx.identity.id) {
    throw operationFailed("souk-ipfs has no network: it only knows its own peer ID");
  }
  sendJson(res, 200, {
    ID: ctx.identity.id,
    PublicKey: ctx.identity.publicKey,
    Addresses: [],
    AgentVersion: `souk-ipfs/${ctx.versions.service}`,
    Protocols: [],
  });
};

const routes: Record<string, Route> = {
  add: handleAdd,
  cat,
  "block/get": blockGet,
  "block/stat": blockStat,
  "pin/add": pinAdd,
  "pin/ls": pinLs,
  "pin/rm": pinRm,
  version,
  id,
};

function sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    // Mid-stream failure: cutting the connection is the only way left to tell the client.
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    return;
  }
  const status = err instanceof HttpError ? err.status : 500;
  const code = err instanceof HttpError ? err.kuboCode : 0;
  closeAfterResponse(req, res);
  sendJson(res, status, { Message: errorMessage(err), Code: code, Type: "error" });
}

export function createApiHandler(ctx: ApiContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    setSecurityHeaders(res);
    try {
      if (handleCors(req, res, ctx.cors)) return;
      // Browsers send Origin with cross-site POSTs, including plain HTML forms that need no preflight.
      const origin = req.headers.origin;
      if (origin !== undefined && !isOriginAllowed(ctx.cors, origin)) {
        throw new HttpError(403, `origin ${origin} is not allowed to use the API`);
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(API_PREFIX)) throw new HttpError(404, `not found: ${url.pathname}`);
      if (req.method !== "POST") {
        res.setHeader("Allow", "POST, OPTIONS");
        throw new HttpError(405, `method ${req.method} not allowed: the RPC API only accepts POST`);
      }
      const command = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, "");
      const route = routes[command];
      if (route === undefined) throw new HttpError(404, `unknown command "${command}"`);
      await route(ctx, req, res, url.searchParams);
    } catch (err) {
      sendError(req, res, err);
    }
  };
}
