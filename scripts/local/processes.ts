import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Last lines of output, for error messages. */
  output(): string;
  /** Stops the process (SIGTERM unless told otherwise, SIGKILL after 5 s); resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a long-running program directly (never through an npm wrapper, which would orphan it when killed). It stays
 * in our process group: Ctrl-C in a terminal, or a signal to the group, reaches it even if this process is gone.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean; uid?: number; gid?: number } = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (options.echo === true) process.stdout.write(`  [${name}] ${line}\n`);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = once(child, "exit");

  return {
    name,
    child,
    output: () => lines.join("\n"),
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` until it resolves true, the process dies, or the timeout passes. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs?: number; process?: ManagedProcess } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await check().catch(() => false)) return;
    const child = options.process?.child;
    if (child !== undefined && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${what} exited before it was ready:\n${options.process!.output()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} was not ready after ${(options.timeoutMs ?? 30_000) / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
