// The data folder: on-disk blockstore and datastore, a lock against two nodes sharing it, and `fresh` wiping.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { FsBlockstore } from "blockstore-fs";
import { FsDatastore } from "datastore-fs";

export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, "..", "..", ".souk", "ipfs");

const BLOCKS = "blocks";
const DATASTORE = "datastore";
const LOCK = "repo.lock";
/** Everything this service creates in a data folder; `fresh` refuses to wipe folders holding anything else. */
const OWN_ENTRIES = new Set([BLOCKS, DATASTORE, LOCK, "identity.json"]);

/** Data folders locked by this process (a lock file naming our own pid but absent here is stale). */
const lockedHere = new Set<string>();

export interface Repo {
  dataDir: string;
  blockstore: FsBlockstore;
  datastore: FsDatastore;
  close(): Promise<void>;
}

export async function openRepo(dataDir: string, fresh: boolean): Promise<Repo> {
  const dir = path.resolve(dataDir);
  if (fresh) await wipe(dir);
  await mkdir(dir, { recursive: true });
  await lock(dir);
  const blockstore = new FsBlockstore(path.join(dir, BLOCKS));
  const datastore = new FsDatastore(path.join(dir, DATASTORE));
  try {
    await blockstore.open();
    await datastore.open();
  } catch (err) {
    await unlock(dir);
    throw err;
  }
  return {
    dataDir: dir,
    blockstore,
    datastore,
    async close() {
      await blockstore.close();
      await datastore.close();
      await unlock(dir);
    },
  };
}

async function wipe(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  const foreign = entries.filter((entry) => !OWN_ENTRIES.has(entry));
  if (foreign.length > 0) {
    throw new Error(
      `refusing to wipe ${dir} (fresh): it holds files that souk-ipfs did not create: ${foreign.slice(0, 5).join(", ")}`,
    );
  }
  await assertNotLocked(dir);
  await rm(dir, { recursive: true, force: true });
}

/** The live process holding the lock of `dir`, if any. */
async function lockOwner(dir: string): Promise<number | undefined> {
  if (lockedHere.has(dir)) return process.pid;
  let text: string;
  try {
    text = await readFile(path.join(dir, LOCK), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const pid = Number.parseInt(text, 10);
  // Our own pid in a lock we do not hold: left by an earlier process that had the same pid.
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}

const inUse = (dir: string, pid: number): Error =>
  new Error(`data folder ${dir} is in use by another souk-ipfs node (process ${pid})`);

async function assertNotLocked(dir: string): Promise<void> {
  const owner = await lockOwner(dir);
  if (owner !== undefined) throw inUse(dir, owner);
}

async function lock(dir: string): Promise<void> {
  await assertNotLocked(dir);
  // Checked again without awaiting in between: two starts in this process may have passed the check above.
  if (lockedHere.has(dir)) throw inUse(dir, process.pid);
  lockedHere.add(dir);
  const file = path.join(dir, LOCK);
  try {
    await writeFile(file, `${process.pid}\n`, { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
      lockedHere.delete(dir);
      throw err;
    }
    // Stale (its process is gone, checked above): take it over.
    await writeFile(file, `${process.pid}\n`);
  }
}

async function unlock(dir: string): Promise<void> {
  lockedHere.delete(dir);
  await rm(path.join(dir, LOCK), { force: true });
}
