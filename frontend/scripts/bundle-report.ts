/**
 * After `vite build`: every JavaScript chunk of the build, raw and gzipped, largest first. What a first visit
 * actually downloads is measured in a browser by `bundle-budget.ts` (a static walk of the imports misses the lazy
 * chunks the browse page renders on first load).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const DIST = path.resolve(import.meta.dirname, "..", "dist");

interface Chunk {
  file: string;
  isEntry?: boolean;
}

const manifest = JSON.parse(await readFile(path.join(DIST, ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;
const rows: Array<{ file: string; raw: number; gzip: number; entry: boolean }> = [];
for (const chunk of Object.values(manifest)) {
  if (!chunk.file.endsWith(".js")) continue;
  const bytes = await readFile(path.join(DIST, chunk.file));
  rows.push({ file: chunk.file, raw: bytes.length / 1024, gzip: gzipSync(bytes).length / 1024, entry: chunk.isEntry === true });
}
rows.sort((a, b) => b.gzip - a.gzip);
console.log("\nJavaScript chunks (the entry marked *):");
for (const row of rows) {
  console.log(`  ${(row.entry ? "* " : "  ") + row.file.padEnd(48)}${row.raw.toFixed(1).padStart(9)} KB${row.gzip.toFixed(1).padStart(9)} KB gzip`);
}
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
console.log(`  ${"all chunks".padEnd(50)}${"".padStart(12)}${total.toFixed(1).padStart(9)} KB gzip`);
console.log("The browse page's first-visit budget is checked in a browser: npm run bundle:budget.");
