/**
 * What `npm start`'s chain keeps across restarts: nothing. Hardhat 3's node (EDR) has no way to save and load its
 * state (no dump/load methods, no option for it; its genesis state takes balances, nonces and code but not storage),
 * so every start is a new chain under the same chain id. The dApp tells them apart by the deploy block's hash
 * (frontend/src/lib/chain-identity.ts): this checks that a restart really gives other hashes.
 */
import { afterEach, describe, expect, it } from "vitest";

import { rpc, startChain, type LocalChain } from "./chain.ts";
import { freePort } from "./ports.ts";

describe("the local chain across restarts", () => {
  let chain: LocalChain | undefined;
  afterEach(async () => {
    await chain?.stop();
    chain = undefined;
  });

  const genesisHash = async (c: LocalChain) => (await rpc<{ hash: string }>(c.url, "eth_getBlockByNumber", ["0x0", false])).hash;

  it("cannot save or load its state", async () => {
    chain = await startChain({ port: await freePort() });
    for (const method of ["hardhat_dumpState", "hardhat_loadState", "anvil_dumpState", "anvil_loadState"]) {
      await expect(rpc(chain.url, method, []), method).rejects.toThrow(/not supported/);
    }
  });

  it("starts as another chain each time: same chain id, other block hashes", async () => {
    const port = await freePort();
    chain = await startChain({ port });
    const first = { id: await rpc<string>(chain.url, "eth_chainId"), hash: await genesisHash(chain) };
    await chain.stop();
    // The genesis block's time is the start's, in seconds.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    chain = await startChain({ port });
    expect(await rpc<string>(chain.url, "eth_chainId")).toBe(first.id);
    expect(await genesisHash(chain)).not.toBe(first.hash);
  });
});
