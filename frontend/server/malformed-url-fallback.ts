/**
 * Vite's dev and preview servers answer an empty 404 to a page address whose percent-encoding is malformed
 * (`/listing/%E0%A4%A`): their single-page fallback decodes the path first and gives up when decoding throws, so the
 * person sees the browser's own error page instead of Souk's. This plugin serves the app for such a page request
 * (the address in the browser stays as it was), and the app's router shows its not-found page.
 */
import type { Connect, Plugin } from "vite";

/** Whether the path of `url` (query and fragment aside) has a percent sign that does not start valid UTF-8. */
export function hasMalformedPath(url: string): boolean {
  return decodedPath(url) === undefined;
}

// The decoded path is returned, not just computed: a bundler drops a call to decodeURIComponent whose result is
// unused (it counts as free of side effects), and with it the exception this check relies on.
function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split(/[?#]/, 1)[0] ?? "");
  } catch {
    return undefined;
  }
}

/** A request for a page (what a browser sends when navigating), not for a script, style or picture. */
function wantsPage(request: Connect.IncomingMessage): boolean {
  const accept = request.headers.accept ?? "";
  return (request.method === "GET" || request.method === "HEAD") && accept.includes("text/html");
}

const serveAppForMalformedPaths: Connect.NextHandleFunction = (request, _response, next) => {
  if (request.url !== undefined && wantsPage(request) && hasMalformedPath(request.url)) request.url = "/";
  next();
};

export function malformedUrlFallback(): Plugin {
  return {
    name: "souk:malformed-url-fallback",
    // Added before Vite's own middlewares (the hooks do not return a function), so the fallback sees the new URL.
    configureServer(server) {
      server.middlewares.use(serveAppForMalformedPaths);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveAppForMalformedPaths);
    },
  };
}
