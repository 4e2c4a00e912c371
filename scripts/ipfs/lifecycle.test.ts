// Start-up, restart on the same data folder, `fresh`, the data folder lock, busy ports and the CLI.
import { spawn } from "node:child_process";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create } from "kubo-rpc-client";
import { PortInUseError, startIpfsNode } from "./node.ts";
import { all, collect, tempDir } from "./testing.ts";

const MAIN = path.join(import.meta.dirname, "main.ts");

let root: string;

beforeAll(async () => {
  root = await tempDir("souk-ipfs-lifecycle-");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, port: address.port };
}

describe("start and stop", () => {
  it("starts on free ports, reports the real ones, and stops cleanly", async () => {
    const started = performance.now();
    const node = await startIpfsNode({ dataDir: path.join(root, "ports"), apiPort: 0, gatewayPort: 0 });
    const startupMs = performance.now() - started;
    console.info(`souk-ipfs start-up: ${startupMs.toFixed(1)} ms`);
    expect(node.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v0$/);
    expect(node.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.apiUrl).not.toContain(":0/");
    const version = await create({ url: node.apiUrl }).version();
    expect(version.version).toContain("souk-ipfs");
    await node.stop();
    await node.stop(); // idempotent
    await expect(fetch(`${node.apiUrl}/version`, { method: "POST" })).rejects.toThrow();
  });

  it("validates its options before touching the data folder", async () => {
    const dataDir = path.join(root, "options");
    await expect(
      startIpfsNode({ dataDir, host: "192.0.2.1" as "127.0.0.1", apiPort: 0, gatewayPort: 0 }),
    ).rejects.toThrow("loopback");
    await expect(startIpfsNode({ dataDir, allowedOrigins: ["localhost:5173"] })).rejects.toThrow("invalid origin");
    await expect(startIpfsNode({ dataDir, apiPort: 70_000 })).rejects.toThrow("invalid apiPort");
    await expect(startIpfsNode({ dataDir, maxUploadBytes: 0 })).rejects.toThrow("invalid maxUploadBytes");
    await expect(stat(dataDir)).rejects.toThrow("ENOENT");
  });
});

describe("persistence", () => {
  it("keeps content, pins and peer ID across a restart with the same data folder", async () => {
    const dataDir = path.join(root, "restart");
    const first = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 });
    const ipfs1 = create({ url: first.apiUrl });
    const pinned = await ipfs1.add({ path: "kept.txt", content: "kept across restarts\n" });
    const unpinned = await ipfs1.add("stored, not pinned\n", { pin: false });
    const peer = (await ipfs1.id()).id.toString();
    await first.stop();

    const second = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 });
    try {
      const ipfs2 = create({ url: second.apiUrl });
      expect((await collect(ipfs2.cat(pinned.cid))).toString()).toBe("kept across restarts\n");
      expect((await collect(ipfs2.cat(unpinned.cid))).toString()).toBe("stored, not pinned\n");
      expect(await all(ipfs2.pin.ls({ paths: [pinned.cid] }))).toEqual([{ type: "recursive", cid: pinned.cid }]);
      await expect(all(ipfs2.pin.ls({ paths: [unpinned.cid] }))).rejects.toThrow("is not pinned");
      expect((await ipfs2.id()).id.toString()).toBe(peer);
      const res = await fetch(`${second.gatewayUrl}/ipfs/${pinned.cid}`);
      expect(await res.text()).toBe("kept across restarts\n");
    } finally {
      await second.stop();
    }
  });

  it("wipes content, pins and identity with fresh", async () => {
    const dataDir = path.join(root, "fresh");
    const first = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 });
    const ipfs1 = create({ url: first.apiUrl });
    const { cid } = await ipfs1.add("wiped\n");
    const peer = (await ipfs1.id()).id.toString();
    await first.stop();

    const second = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0, fresh: true });
    try {
      const ipfs2 = create({ url: second.apiUrl });
      await expect(ipfs2.block.stat(cid)).rejects.toThrow("not found locally");
      expect(await all(ipfs2.pin.ls())).toEqual([]);
      expect((await ipfs2.id()).id.toString()).not.toBe(peer);
    } finally {
      await second.stop();
    }
  });

  it("refuses to wipe a folder holding files it did not create", async () => {
    const dataDir = path.join(root, "foreign");
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "thesis.tex"), "precious");
    await expect(startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0, fresh: true })).rejects.toThrow(
      "refusing to wipe",
    );
  });

  it("refuses a second node on a data folder in use", async () => {
    const dataDir = path.join(root, "locked");
    const first = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 });
    try {
      await expect(startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 })).rejects.toThrow("in use");
      await expect(startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0, fresh: true })).rejects.toThrow("in use");
    } finally {
      await first.stop();
    }
    const again = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 });
    await again.stop();
  });
});

describe("busy ports", () => {
  it("fails with PortInUseError naming the port, and releases everything it opened", async () => {
    const { server, port } = await occupyPort();
    const dataDir = path.join(root, "busy");
    try {
      for (const options of [
        { apiPort: port, gatewayPort: 0 },
        { apiPort: 0, gatewayPort: port },
      ]) {
        const error = await startIpfsNode({ dataDir, ...options }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toBeInstanceOf(PortInUseError);
        expect((error as PortInUseError).port).toBe(port);
        expect((error as Error).message).toContain(`port ${port}`);
      }
      // The failed starts released the data folder lock.
      const node = await startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0 });
      await node.stop();
    } finally {
      server.close();
    }
  });
});

describe("CLI", () => {
  interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
  }

  /** Runs main.ts; `onReady` gets the first stdout line (and may signal the process). */
  function runCli(args: string[], onReady?: (line: string, stop: () => void) => void): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        const first = stdout === "";
        stdout += chunk.toString();
        if (first) onReady?.(stdout.trim(), () => child.kill("SIGTERM"));
      });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  it("prints one ready line with both URLs, serves, and exits 0 on SIGTERM", async () => {
    const dataDir = path.join(root, "cli");
    let served = "";
    const run = await runCli(
      [
        "--data",
        dataDir,
        "--api-port",
        "0",
        "--gateway-port",
        "0",
        "--origin",
        "http://127.0.0.1:3000",
        "--max-upload-mib",
        "1",
      ],
      (line, stop) => {
        const api = /api (\S+)/.exec(line)?.[1];
        const gateway = /gateway (\S+)/.exec(line)?.[1];
        void (async () => {
          const { cid } = await create({ url: api }).add("from the CLI\n");
          served = await (await fetch(`${gateway}/ipfs/${cid}`)).text();
          stop();
        })();
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/api http:\/\/127\.0\.0\.1:\d+\/api\/v0 gateway http:\/\/127\.0\.0\.1:\d+/);
    expect(served).toBe("from the CLI\n");
  });

  it("exits 1 with a message naming a busy port", async () => {
    const { server, port } = await occupyPort();
    try {
      const run = await runCli([
        "--data",
        path.join(root, "cli-busy"),
        "--api-port",
        String(port),
        "--gateway-port",
        "0",
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`port ${port}`);
      expect(run.stdout).toBe("");
    } finally {
      server.close();
    }
  });

  it("exits 2 with usage on bad arguments", async () => {
    const run = await runCli(["--api-port", "abc"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--api-port");
    expect(run.stderr).toContain("Usage");
  });
});
