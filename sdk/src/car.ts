/**
 * Verified reading of files larger than one block: a gateway returns the file's DAG as a CAR
 * (`Accept: application/vnd.ipld.car`); every block is hashed against its CID and the file is reassembled from the
 * root down, so a gateway can neither alter nor truncate it. Loaded lazily by clients (it is only needed for
 * multi-block files).
 */
import { CarBlockIterator } from "@ipld/car/iterator";
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";

import { CidError, parseCid, verifyBlock } from "./cid.ts";

/** Reassembles the file `cid` names from a CAR, verifying every block; throws a CidError on any mismatch. */
export async function fileFromCar(cid: string, car: Uint8Array, maxBytes = 10 * 1024 * 1024): Promise<Uint8Array> {
  const root = parseCid(cid);
  const blocks = new Map<string, Uint8Array>();
  let iterator: CarBlockIterator;
  try {
    iterator = await CarBlockIterator.fromBytes(car);
  } catch {
    throw new CidError("The gateway's answer is not a CAR");
  }
  for await (const block of iterator) {
    if (!(await verifyBlock(block.cid, block.bytes))) {
      throw new CidError(`Block ${block.cid.toString()} does not match its hash`);
    }
    blocks.set(block.cid.toString(), block.bytes);
  }

  const parts: Uint8Array[] = [];
  let size = 0;
  const collect = (node: CID, depth: number): void => {
    if (depth > 64) throw new CidError("The file's DAG is too deep");
    const bytes = blocks.get(node.toString());
    if (bytes === undefined) throw new CidError(`The CAR lacks block ${node.toString()}`);
    if (node.code === raw.code) {
      push(bytes);
      return;
    }
    if (node.code !== dagPb.code) throw new CidError(`Unsupported codec in ${node.toString()}`);
    const decoded = dagPb.decode(bytes);
    if (decoded.Data === undefined) throw new CidError(`${node.toString()} is not a UnixFS node`);
    const unixfs = UnixFS.unmarshal(decoded.Data);
    if (unixfs.type !== "file" && unixfs.type !== "raw") throw new CidError(`${cid} is not a file`);
    if (unixfs.data !== undefined && unixfs.data.length > 0) push(unixfs.data);
    for (const link of decoded.Links) collect(link.Hash, depth + 1);
  };
  const push = (bytes: Uint8Array) => {
    size += bytes.length;
    if (size > maxBytes) throw new CidError(`The file is larger than ${maxBytes} bytes`);
    parts.push(bytes);
  };
  collect(root, 0);

  const file = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    file.set(part, offset);
    offset += part.length;
  }
  return file;
}
