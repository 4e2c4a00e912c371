#!/usr/bin/env node
// Installs the pinned toolchain on first use, and again whenever package-lock.json changes.
//
// Hardhat 3 needs Node >= 22.13, while these machines (and many developers') run Node 20. npm run by Node 20 silently
// skips EDR's platform package (it declares engines: node >= 22), so the install itself must run under Node 22: this
// script runs `npm ci` through `npx -p node@<pinned>`, which fetches Node 22 from the npm registry. The same Node 22
// is a devDependency, so every npm script (node_modules/.bin comes first on PATH) runs under it afterwards.
//
// Plain JavaScript with no dependencies: it must run before anything is installed, on any Node >= 18.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lockfile = path.join(root, "package-lock.json");
const stamp = path.join(root, "node_modules", ".souk-toolchain");
const localNode = path.join(root, "node_modules", ".bin", "node");

const wanted = createHash("sha256").update(readFileSync(lockfile)).digest("hex");
if (existsSync(localNode) && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) process.exit(0);

const { devDependencies } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const nodeVersion = devDependencies.node;
console.log(`Installing the pinned toolchain (Node ${nodeVersion}, Hardhat, solc, dependencies): first run only.`);
const started = Date.now();
try {
  execFileSync("npx", ["--yes", "--package", `node@${nodeVersion}`, "--", "npm", "ci", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
} catch {
  console.error(
    "\nInstalling the toolchain failed (see npm's message above). It needs the npm registry; " +
      "check your connection or proxy, then run the command again.",
  );
  process.exit(1);
}
writeFileSync(stamp, wanted);
console.log(`Toolchain ready in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
