// Small HTTP helpers shared by the RPC API and the gateway.
import type { IncomingMessage, ServerResponse } from "node:http";

/** An error that carries the HTTP status to answer with (and Kubo's error code for the RPC API). */
export class HttpError extends Error {
  readonly status: number;
  /** Kubo's cmds error code: 0 = normal (operation failed), 1 = client error (bad request). */
  readonly kuboCode: number;

  constructor(status: number, message: string, kuboCode = status >= 400 && status < 500 ? 1 : 0) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.kuboCode = kuboCode;
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);

/** Kubo answers 500 with code 0 when an operation fails, e.g. a block that is not in the local store. */
export const operationFailed = (message: string): HttpError => new HttpError(500, message, 0);

export class NotFoundError extends HttpError {
  constructor(message: string) {
    // The RPC API reports missing content as a failed operation (500) like Kubo; the gateway maps it to 404.
    super(500, message, 0);
    this.name = "NotFoundError";
  }
}

/** Headers that keep browsers from interpreting any response body as active content. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  );
  res.setHeader("Referrer-Policy", "no-referrer");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body) + "\n";
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  const body = text.endsWith("\n") ? text : text + "\n";
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

const DRAIN_GRACE_MS = 2_000;

/**
 * Prepares a response sent before the request body was read to its end (e.g. a 413 in the middle of an
 * upload). The connection is closed afterwards; meanwhile the rest of the body is read and dropped so that
 * the client gets to read the answer instead of a connection reset, but only for a short grace period.
 */
export function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  if (!res.headersSent) res.setHeader("Connection", "close");
  req.resume();
  res.once("finish", () => {
    const timer = setTimeout(() => req.socket.destroy(), DRAIN_GRACE_MS);
    timer.unref();
    req.socket.once("close", () => clearTimeout(timer));
  });
}

/** Messages of unexpected errors, safe to show (no stack traces). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
