// @vitest-environment node
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { createServer, preview, type PreviewServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hasMalformedPath } from "./malformed-url-fallback.ts";

const FRONTEND = path.join(import.meta.dirname, "..");

describe("hasMalformedPath", () => {
  it("flags a percent sign that does not start valid UTF-8 in the path", () => {
    expect(hasMalformedPath("/listing/%E0%A4%A")).toBe(true);
    expect(hasMalformedPath("/profile/%")).toBe(true);
    expect(hasMalformedPath("/listing/%C3")).toBe(true);
  });

  it("accepts well-formed paths, and leaves the query and fragment to the app", () => {
    expect(hasMalformedPath("/listing/12")).toBe(false);
    expect(hasMalformedPath("/?q=caf%C3%A9")).toBe(false);
    expect(hasMalformedPath("/?q=%E0%A4%A")).toBe(false);
    expect(hasMalformedPath("/listing/1#%E0")).toBe(false);
  });
});

function urlOf(server: ViteDevServer | PreviewServer): string {
  const address = server.httpServer?.address();
  if (address === null || address === undefined || typeof address === "string") throw new Error("The server has no port");
  return `http://127.0.0.1:${address.port}`;
}

// The servers run with the app's own configuration (vite.config.ts, bundled by Vite as it always is), so that what is
// checked is what `npm start` and the browser tests serve.
describe.each(["dev", "preview"] as const)("the %s server with the fallback", (kind) => {
  let server: ViteDevServer | PreviewServer;
  let base: string;
  let built: string | undefined;

  beforeAll(async () => {
    const common = { configFile: path.join(FRONTEND, "vite.config.ts"), logLevel: "silent" } as const;
    if (kind === "dev") {
      const dev = await createServer({ ...common, server: { host: "127.0.0.1", port: 0, strictPort: false } });
      server = await dev.listen();
    } else {
      built = await mkdtemp(path.join(tmpdir(), "souk-preview-"));
      await writeFile(path.join(built, "index.html"), "<!doctype html><title>Souk</title><div id=root></div>");
      server = await preview({ ...common, build: { outDir: built }, preview: { host: "127.0.0.1", port: 0, strictPort: false } });
    }
    base = urlOf(server);
  });
  afterAll(async () => {
    await server.close();
    if (built !== undefined) await rm(built, { recursive: true, force: true });
  });

  const page = (path: string) => fetch(`${base}${path}`, { headers: { accept: "text/html" } });

  it("serves the app for a page address with malformed percent-encoding, as it does for any other address", async () => {
    const malformed = await page("/listing/%E0%A4%A");
    const ordinary = await page("/listing/12");
    expect(malformed.status).toBe(200);
    expect(ordinary.status).toBe(200);
    expect(await malformed.text()).toBe(await ordinary.text());
  });

  it("still answers 404 to a malformed request that is not for a page", async () => {
    const script = await fetch(`${base}/assets/%E0%A4%A.js`, { headers: { accept: "*/*" } });
    expect(script.status).toBe(404);
  });
});
