/**
 * After `vite build`: the JavaScript a first visit to the browse page downloads (the entry chunk, the browse route's
 * chunk and everything they import statically), gzipped, against the 220 KB budget. Lazy chunks (other pages,
 * WalletConnect, kubo-rpc-client, CAR verification) are listed apart: they load only when used.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const DIST = path.resolve(import.meta.dirname, "..", "dist");
const BUDGET_KB = 220;
const BROWSE_ROUTE = "src/features/listings/browse-page.tsx";

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const manifest = JSON.parse(await readFile(path.join(DIST, ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;
const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry === true);
if (entryKey === undefined || manifest[BROWSE_ROUTE] === undefined) throw new Error("Build the dApp first (vite build).");

const initial = new Set<string>();
const visit = (key: string) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key]!.imports ?? []) visit(imported);
};
visit(entryKey);
visit(BROWSE_ROUTE);

const sizeOf = async (file: string) => {
  const bytes = await readFile(path.join(DIST, file));
  return { raw: bytes.length / 1024, gzip: gzipSync(bytes).length / 1024 };
};

const rows: Array<[string, number, number]> = [];
let total = 0;
for (const key of initial) {
  const { file } = manifest[key]!;
  const size = await sizeOf(file);
  total += size.gzip;
  rows.push([file, size.raw, size.gzip]);
}
rows.sort((a, b) => b[2] - a[2]);
const lazy: Array<[string, number, number]> = [];
for (const [key, chunk] of Object.entries(manifest)) {
  if (initial.has(key) || !chunk.file.endsWith(".js")) continue;
  const size = await sizeOf(chunk.file);
  lazy.push([chunk.file, size.raw, size.gzip]);
}
lazy.sort((a, b) => b[2] - a[2]);

const line = ([file, raw, gzip]: [string, number, number]) =>
  `  ${file.padEnd(48)}${raw.toFixed(1).padStart(9)} KB${gzip.toFixed(1).padStart(9)} KB gzip`;
console.log("\nInitial JavaScript of the browse page:");
rows.forEach((row) => console.log(line(row)));
console.log(`  ${"total".padEnd(48)}${"".padStart(12)}${total.toFixed(1).padStart(9)} KB gzip (budget ${BUDGET_KB} KB)`);
console.log("\nLoaded on demand:");
lazy.slice(0, 12).forEach((row) => console.log(line(row)));
if (lazy.length > 12) console.log(`  … and ${lazy.length - 12} smaller chunks`);
if (total > BUDGET_KB) {
  console.error(`\nThe browse page's initial JavaScript is ${total.toFixed(1)} KB gzip, over the ${BUDGET_KB} KB budget.`);
  process.exitCode = 1;
}
