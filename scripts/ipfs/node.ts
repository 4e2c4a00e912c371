// Starts and stops the embedded IPFS node: blocks on disk (blockstore-fs), pins in the datastore, no libp2p, the RPC API
// and the gateway.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_CORS_EXPOSED, createApiHandler } from "./api.ts";
import { normaliseOrigin, type CorsPolicy } from "./cors.ts";
import { createGatewayHandler, GATEWAY_CORS_EXPOSED } from "./gateway.ts";
import { loadOrCreateIdentity } from "./identity.ts";
import { nodeBlocks } from "./blocks.ts";
import { PinStore } from "./pins.ts";
import { DEFAULT_DATA_DIR, openRepo, type Repo } from "./repo.ts";
import { Staging } from "./staging.ts";

export const SERVICE_VERSION = "0.1.0";
export const DEFAULT_API_PORT = 5001;
export const DEFAULT_GATEWAY_PORT = 8080;
export const DEFAULT_ALLOWED_ORIGINS = ["http://127.0.0.1:5173", "http://localhost:5173"];
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** How long stop() waits for requests in progress to wind down. */
const HANDLER_GRACE_MS = 5_000;
export { DEFAULT_DATA_DIR };

export interface IpfsNodeOptions {
  /** Folder for blocks, pins and the peer identity (default: `.souk/ipfs` at the repository root). */
  dataDir?: string;
  /** Loopback only: the node has no authentication. */
  host?: "127.0.0.1";
  /** 0 picks a free port; the returned URLs carry the real one. */
  apiPort?: number;
  gatewayPort?: number;
  /** Browser origins allowed to call the API and read gateway responses (CORS). */
  allowedOrigins?: string[];
  /** Limit on the file bytes of one `add` request; larger uploads get 413 and store nothing. */
  maxUploadBytes?: number;
  /** Wipe the data folder before starting. */
  fresh?: boolean;
}

export interface IpfsNode {
  /** Base URL for kubo-rpc-client, e.g. `http://127.0.0.1:5001/api/v0`. */
  apiUrl: string;
  /** Gateway origin, e.g. `http://127.0.0.1:8080` (content at `/ipfs/<cid>`). */
  gatewayUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  readonly port: number;

  constructor(service: string, host: string, port: number) {
    super(`cannot start the IPFS ${service}: port ${port} on ${host} is already in use`);
    this.name = "PortInUseError";
    this.port = port;
  }
}

function checkPort(name: string, port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`invalid ${name}: ${port}`);
  return port;
}

async function listen(server: Server, service: string, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(err.code === "EADDRINUSE" ? new PortInUseError(service, host, port) : err);
    };
    server.once("error", onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets (kubo-rpc-client pools them) and unfinished requests would hold close() open.
  server.closeAllConnections();
  await closed;
}

/** Runs request handlers and remembers the ones in progress, so that stop() waits for them. */
function tracked(
  inFlight: Set<Promise<void>>,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const running = handler(req, res).catch((err: unknown) => {
      // Handlers answer their own errors; this is a last resort.
      if (!res.headersSent) res.statusCode = 500;
      res.destroy(err instanceof Error ? err : undefined);
    });
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
}

export async function startIpfsNode(options: IpfsNodeOptions = {}): Promise<IpfsNode> {
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1") throw new Error(`host must be 127.0.0.1 (loopback only), got ${String(host)}`);
  const apiPort = checkPort("apiPort", options.apiPort ?? DEFAULT_API_PORT);
  const gatewayPort = checkPort("gatewayPort", options.gatewayPort ?? DEFAULT_GATEWAY_PORT);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes <= 0) {
    throw new RangeError(`invalid maxUploadBytes: ${maxUploadBytes}`);
  }
  const origins = new Set((options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS).map(normaliseOrigin));

  const repo: Repo = await openRepo(options.dataDir ?? DEFAULT_DATA_DIR, options.fresh === true);
  const servers: Server[] = [];
  const inFlight = new Set<Promise<void>>();

  const shutdown = async (): Promise<void> => {
    await Promise.all(servers.map(close));
    // Their connections are closed, so handlers finish quickly; a stuck one must not keep the node up.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, HANDLER_GRACE_MS)));
    await Promise.race([Promise.allSettled([...inFlight]), grace]);
    clearTimeout(timer);
    await repo.close();
  };

  try {
    const identity = await loadOrCreateIdentity(repo.dataDir);
    const pins = new PinStore(repo.blockstore, repo.datastore);
    // A delete (an aborted upload's rollback) never removes a pinned block.
    const blocks = nodeBlocks(repo.blockstore, (cid) => pins.deleteUnpinned(cid));
    const cors = (methods: string[], exposeHeaders: string[]): CorsPolicy => ({
      allowedOrigins: origins,
      methods,
      exposeHeaders,
    });
    const api = createServer(
      tracked(
        inFlight,
        createApiHandler({
          blocks,
          staging: new Staging(blocks),
          pins,
          identity,
          maxUploadBytes,
          cors: cors(["POST"], API_CORS_EXPOSED),
          versions: { service: SERVICE_VERSION },
        }),
      ),
    );
    const gateway = createServer(
      tracked(
        inFlight,
        createGatewayHandler({ blocks, cors: cors(["GET", "HEAD"], GATEWAY_CORS_EXPOSED) }),
      ),
    );
    servers.push(api, gateway);
    const apiBound = await listen(api, "RPC API", host, apiPort);
    const gatewayBound = await listen(gateway, "gateway", host, gatewayPort);

    let stopping: Promise<void> | undefined;
    return {
      apiUrl: `http://${host}:${apiBound}/api/v0`,
      gatewayUrl: `http://${host}:${gatewayBound}`,
      dataDir: repo.dataDir,
      stop: () => (stopping ??= shutdown()),
    };
  } catch (err) {
    await shutdown().catch(() => {
      // The start-up error is the one worth reporting.
    });
    throw err;
  }
}
