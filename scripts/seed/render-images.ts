/**
 * Renders the demo product illustrations (scripts/seed/art/*.svg, the
 * originals) to 800x600 WebP thumbnails in scripts/seed/images/.
 *
 *   node --import tsx scripts/seed/render-images.ts [slug ...]
 *
 * Each SVG is drawn into a canvas by headless Chromium (software raster, GPU
 * disabled) and encoded with canvas.toDataURL("image/webp", QUALITY). The same
 * Chromium build gives byte-identical output for the same SVG. Every file must
 * stay far below 256 KiB so it is stored as a single IPFS block.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const HERE = dirname(fileURLToPath(import.meta.url));
const ART_DIR = join(HERE, "art");
const OUT_DIR = join(HERE, "images");

const WIDTH = 800;
const HEIGHT = 600;
const QUALITY = 0.82;
/** Hard limit (bytes): well under one 256 KiB IPFS block. */
const MAX_BYTES = 200 * 1024;
/** Flat vector art compresses to 5-20 KiB; outside this range the table flags the file for a look. */
const SUSPICIOUSLY_SMALL = 3 * 1024;
const UNEXPECTEDLY_LARGE = 60 * 1024;

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/**
 * Runs inside the page. Kept as a string so this file type-checks without the
 * DOM lib. Resolves to the base64 payload of the WebP data URL.
 */
const RENDER_IN_PAGE = `async ({ svg, width, height, quality }) => {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image(width, height);
    img.decoding = "sync";
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error("SVG failed to load"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d", { alpha: false });
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(img, 0, 0, width, height);
    const dataUrl = canvas.toDataURL("image/webp", quality);
    if (!dataUrl.startsWith("data:image/webp;base64,")) throw new Error("WebP encoding unsupported");
    return dataUrl.slice("data:image/webp;base64,".length);
  } finally {
    URL.revokeObjectURL(url);
  }
}`;

function isWebp(bytes: Uint8Array): boolean {
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  return bytes.length > 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP";
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2));
  const sources = readdirSync(ART_DIR)
    .filter((f) => f.endsWith(".svg"))
    .sort()
    .filter((f) => only.size === 0 || only.has(basename(f, ".svg")));
  if (sources.length === 0) throw new Error(`no SVG sources found in ${ART_DIR}`);

  mkdirSync(OUT_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "souk-render-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: WIDTH, height: HEIGHT },
    deviceScaleFactor: 1,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--force-color-profile=srgb",
    ],
  });

  const rows: Array<{ file: string; svg: number; webp: number; note: string }> = [];
  let failed = false;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent("<!doctype html><title>render</title>");
    for (const source of sources) {
      const slug = basename(source, ".svg");
      const svg = readFileSync(join(ART_DIR, source), "utf8");
      const base64 = (await page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify({ svg, width: WIDTH, height: HEIGHT, quality: QUALITY })})`)) as string;
      const bytes = Buffer.from(base64, "base64");
      let note = "";
      let ok = true;
      if (!isWebp(bytes)) {
        note = "NOT A WEBP, not written";
        ok = false;
      } else if (bytes.length > MAX_BYTES) {
        note = `TOO LARGE (> ${kib(MAX_BYTES)}), not written`;
        ok = false;
      } else if (bytes.length < SUSPICIOUSLY_SMALL) {
        note = "very small: blank image?";
      } else if (bytes.length > UNEXPECTEDLY_LARGE) {
        note = "larger than expected (ok)";
      }
      const file = `${slug}.webp`;
      if (ok) writeFileSync(join(OUT_DIR, file), bytes);
      else failed = true;
      rows.push({ file, svg: Buffer.byteLength(svg), webp: bytes.length, note });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }

  const width = Math.max(...rows.map((r) => r.file.length), 4);
  console.log(`${"file".padEnd(width)}  ${"svg".padStart(10)}  ${"webp".padStart(10)}  note`);
  for (const r of rows) {
    console.log(`${r.file.padEnd(width)}  ${kib(r.svg).padStart(10)}  ${kib(r.webp).padStart(10)}  ${r.note}`);
  }
  const total = rows.reduce((sum, r) => sum + r.webp, 0);
  console.log(`${rows.length} images, ${kib(total)} total, ${WIDTH}x${HEIGHT} WebP q=${QUALITY}, written to ${OUT_DIR}`);
  if (failed) {
    console.error("some images failed the checks above");
    process.exitCode = 1;
  }
}

await main();
