/**
 * Verified reading of files larger than one block: a gateway returns the file's DAG as a CAR
 * (`Accept: application/vnd.ipld.car`); every block is hashed against its CID and the file is reassembled from the
 * root down, so a gateway can neither alter nor truncate it. Loaded lazily by clients (it is only needed for
 * multi-block files).
 *
 * A CAR is untrusted input, and a small one can describe a huge DAG (a node linking the same block a thousand times,
 * at every level). Reassembly therefore counts every node it visits against a budget, refuses leaves that carry no
 * bytes (a real file's leaves never do), and hands the event loop back regularly, so that a crafted CAR is refused
 * in milliseconds instead of freezing the page.
 */
import { CarBlockIterator } from "@ipld/car/iterator";
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";

import { CidError, parseCid, verifyBlock } from "./cid.ts";

/** The file is larger than the caller allows: not a sign of tampering, and not worth retrying. */
export class FileTooLargeError extends CidError {
  override name = "FileTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

export interface CarLimits {
  /** Largest file accepted (default 10 MiB). */
  maxBytes?: number;
  /**
   * Most DAG nodes visited, repeated visits of one block included. Default: one leaf per 4 KiB of maxBytes (Kubo
   * cuts files into 256 KiB chunks; 4 KiB is already an unusually small chunker) plus 64 inner nodes.
   */
  maxNodes?: number;
  /** Deepest level accepted (default 64). */
  maxDepth?: number;
}

/** The longest stretch of work between two returns to the event loop (a frame is 16 ms). */
const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Returns to the event loop when the current slice of work has run its time. */
function slicer(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
}

/** A map key for a CID: its binary form as a string (much cheaper than its base32 text, computed per visit). */
const keyOf = (cid: CID): string => String.fromCharCode(...cid.bytes);

/** Reassembles the file `cid` names from a CAR, verifying every block; throws a CidError on any mismatch. */
export async function fileFromCar(cid: string, car: Uint8Array, limits: CarLimits = {}): Promise<Uint8Array> {
  const maxBytes = limits.maxBytes ?? 10 * 1024 * 1024;
  const maxNodes = limits.maxNodes ?? Math.ceil(maxBytes / 4096) + 64;
  const maxDepth = limits.maxDepth ?? 64;
  const root = parseCid(cid);
  const blocks = new Map<string, Uint8Array>();
  let iterator: CarBlockIterator;
  try {
    iterator = await CarBlockIterator.fromBytes(car);
  } catch {
    throw new CidError("The gateway's answer is not a CAR");
  }
  const pause = slicer();
  for await (const block of iterator) {
    if (!(await verifyBlock(block.cid, block.bytes))) {
      throw new CidError(`Block ${block.cid.toString()} does not match its hash`);
    }
    // An empty raw block can only be a whole (empty) file, never part of one: refuse it before walking anything.
    if (block.cid.code === raw.code && block.bytes.length === 0 && !block.cid.equals(root)) {
      throw new CidError(`Block ${block.cid.toString()} is an empty leaf`);
    }
    blocks.set(keyOf(block.cid), block.bytes);
    await pause();
  }

  const parts: Uint8Array[] = [];
  let size = 0;
  let visited = 0;
  const push = (bytes: Uint8Array) => {
    size += bytes.length;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    parts.push(bytes);
  };
  // Depth first, in link order, with an explicit stack: the file's bytes come out in order.
  const stack: Array<{ node: CID; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++visited > maxNodes) throw new CidError(`The file's DAG has more than ${maxNodes} nodes`);
    await pause();
    if (depth > maxDepth) throw new CidError("The file's DAG is too deep");
    const bytes = blocks.get(keyOf(node));
    if (bytes === undefined) throw new CidError(`The CAR lacks block ${node.toString()}`);
    if (node.code === raw.code) {
      if (bytes.length === 0 && node !== root) throw new CidError(`Block ${node.toString()} is an empty leaf`);
      push(bytes);
      continue;
    }
    if (node.code !== dagPb.code) throw new CidError(`Unsupported codec in ${node.toString()}`);
    const decoded = dagPb.decode(bytes);
    if (decoded.Data === undefined) throw new CidError(`${node.toString()} is not a UnixFS node`);
    const unixfs = UnixFS.unmarshal(decoded.Data);
    if (unixfs.type !== "file" && unixfs.type !== "raw") throw new CidError(`${cid} is not a file`);
    const data = unixfs.data ?? new Uint8Array(0);
    if (decoded.Links.length === 0 && data.length === 0 && depth > 0) {
      throw new CidError(`Block ${node.toString()} is an empty leaf`);
    }
    if (data.length > 0) push(data);
    // Every link will be visited: refuse as soon as what is already owed exceeds the budget.
    if (visited + stack.length + decoded.Links.length > maxNodes) {
      throw new CidError(`The file's DAG has more than ${maxNodes} nodes`);
    }
    for (let i = decoded.Links.length - 1; i >= 0; i--) stack.push({ node: decoded.Links[i]!.Hash, depth: depth + 1 });
  }

  const file = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    file.set(part, offset);
    offset += part.length;
  }
  return file;
}
