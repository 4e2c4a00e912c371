// A stable peer ID for `id`, created once per data folder. The node has no network, so the private key is
// never needed and not kept: the ID only has to look and parse like a libp2p Ed25519 peer ID.
import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { base58btc } from "multiformats/bases/base58";

export interface Identity {
  /** Base58btc identity multihash of the public key ("12D3KooW..."). */
  id: string;
  /** Base64 protobuf-encoded public key, as Kubo reports it. */
  publicKey: string;
}

const FILE = "identity.json";

export async function loadOrCreateIdentity(dataDir: string): Promise<Identity> {
  const file = path.join(dataDir, FILE);
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { ID?: unknown; PublicKey?: unknown };
    if (typeof stored.ID === "string" && typeof stored.PublicKey === "string") {
      return { id: stored.ID, publicKey: stored.PublicKey };
    }
    throw new Error(`${file} is malformed; delete it to create a new identity`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const identity = createIdentity();
  await writeFile(file, JSON.stringify({ ID: identity.id, PublicKey: identity.publicKey }, null, 2) + "\n", {
    mode: 0o600,
    flag: "wx",
  });
  return identity;
}

function createIdentity(): Identity {
  const spki = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" });
  const rawKey = spki.subarray(spki.length - 32);
  // libp2p PublicKey protobuf: field 1 (KeyType) = 1 (Ed25519), field 2 (Data) = the 32 key bytes.
  const publicKey = Buffer.concat([Buffer.from([0x08, 0x01, 0x12, 0x20]), rawKey]);
  // Keys this short are not hashed: the peer ID is the identity multihash (code 0x00) of the key.
  const multihash = Buffer.concat([Buffer.from([0x00, publicKey.length]), publicKey]);
  return { id: base58btc.baseEncode(multihash), publicKey: publicKey.toString("base64") };
}
