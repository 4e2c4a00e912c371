import { rm } from "node:fs/promises";

import { readStack } from "./stack.ts";

/** Stops the stack like Ctrl-C would (the orchestrator stops its children and frees its ports). */
export default async function globalTeardown(): Promise<void> {
  const { pid, dataDir } = readStack();
  try {
    // The orchestrator leads its own process group (see global-setup): this reaches it and every child.
    process.kill(-pid, "SIGINT");
  } catch {
    await rm(dataDir, { recursive: true, force: true });
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
