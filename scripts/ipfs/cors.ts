// CORS for the configured origins only (the dApp); other origins get no CORS headers.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface CorsPolicy {
  allowedOrigins: ReadonlySet<string>;
  /** Methods that browsers may use cross-origin (answer to preflights). */
  methods: string[];
  /** Response headers that scripts of allowed origins may read. */
  exposeHeaders: string[];
}

/** A header field name per RFC 9110 (so that echoing requested headers cannot inject anything). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Browsers send origins as scheme://host[:port]; "http://localhost:5173/" is accepted and normalised too. */
export function normaliseOrigin(origin: string): string {
  const url = URL.parse(origin);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(`invalid origin "${origin}": expected http(s)://host[:port], e.g. http://localhost:5173`);
  }
  return url.origin;
}

export function isOriginAllowed(policy: CorsPolicy, origin: string | undefined): boolean {
  return origin !== undefined && policy.allowedOrigins.has(origin);
}

/**
 * Adds CORS headers for an allowed origin. Returns true when the request was a preflight and has been answered
 * (204 for allowed origins, 403 otherwise).
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  res.setHeader("Vary", "Origin");
  const allowed = isOriginAllowed(policy, origin);
  if (allowed && origin !== undefined) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Expose-Headers", policy.exposeHeaders.join(", "));
  }
  const isPreflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
  if (req.method !== "OPTIONS") return false;
  if (!isPreflight) {
    res.statusCode = 204;
    res.setHeader("Allow", [...policy.methods, "OPTIONS"].join(", "));
    res.end();
    return true;
  }
  const method = String(req.headers["access-control-request-method"]).toUpperCase();
  if (!allowed || !policy.methods.includes(method)) {
    res.statusCode = 403;
    res.end();
    return true;
  }
  res.statusCode = 204;
  res.setHeader("Access-Control-Allow-Methods", policy.methods.join(", "));
  const requested = String(req.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "" && TOKEN.test(h));
  if (requested.length > 0) res.setHeader("Access-Control-Allow-Headers", requested.join(", "));
  res.setHeader("Access-Control-Max-Age", "600");
  res.end();
  return true;
}
