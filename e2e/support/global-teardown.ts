import { rm } from "node:fs/promises";

import { readStack } from "./stack.ts";

/** Stops the stack like Ctrl-C would (the orchestrator stops its children and frees its ports). */
export default async function globalTeardown(): Promise<void> {
  const { pid, dataDir } = readStack();
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await rm(dataDir, { recursive: true, force: true });
}
