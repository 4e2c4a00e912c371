/**
 * Writes to a local Souk market the way a person's wallet and the dApp do (documents through the IPFS node's Kubo
 * RPC API, signed transactions from development accounts), for the indexer's tests and benchmark. `pack` sends
 * many transactions into a few blocks (automine off, then one block), as a busy chain would include them.
 */
import { cidToDigest, digestOf, encodeDocument, escrowAbi, listingMetadataSchema, listingRegistryAbi, type Category } from "@souk/sdk";
import { create as createIpfsClient } from "kubo-rpc-client";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  http,
  parseEventLogs,
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";

import { type devAccount } from "./accounts.ts";
import { rpc } from "./chain.ts";

export type Account = ReturnType<typeof devAccount>;

export interface MarketAddresses {
  registry: string;
  escrow: string;
  reputation: string;
}

export interface ListingInput {
  title: string;
  description?: string;
  category?: Category;
  tags?: string[];
  token?: Address;
  price?: bigint;
  stock?: bigint;
  arbiter?: Address;
}

export const ETH: Address = "0x0000000000000000000000000000000000000000";
const DAY = 86_400n;

export function marketWriter(options: { rpcUrl: string; ipfsApiUrl: string; chainId: number; market: MarketAddresses }) {
  const chain = defineChain({
    id: options.chainId,
    name: "Local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(options.rpcUrl), pollingInterval: 50 });
  const ipfs = createIpfsClient({ url: options.ipfsApiUrl });
  const wallets = new Map<string, ReturnType<typeof createWalletClient>>();
  const wallet = (account: Account) => {
    let client = wallets.get(account.address);
    if (client === undefined) {
      client = createWalletClient({ account, chain, transport: http(options.rpcUrl) });
      wallets.set(account.address, client);
    }
    return client;
  };

  /** Adds bytes as the dApp does (CIDv1, raw leaves) and checks the CID the node returns against the bytes. */
  async function uploadBytes(bytes: Uint8Array): Promise<Hex> {
    const { cid } = await ipfs.add(bytes, { cidVersion: 1, rawLeaves: true, pin: true });
    const digest = await digestOf(bytes);
    if (cidToDigest(cid.toString()) !== digest) throw new Error(`The IPFS node returned ${cid} for other bytes`);
    return digest;
  }

  function listingDocument(input: ListingInput): Uint8Array {
    return encodeDocument(listingMetadataSchema, {
      schema: "souk.listing/1",
      title: input.title,
      description: input.description ?? `${input.title}. In good order, described honestly, shipped with care.`,
      category: input.category ?? "Other",
      images: [],
      tags: input.tags,
    });
  }

  function listingTerms(input: ListingInput, metadataDigest: Hex, arbiter: Address) {
    return {
      token: input.token ?? ETH,
      price: input.price ?? 10n ** 16n,
      stock: input.stock ?? 3n,
      arbiter: input.arbiter ?? arbiter,
      arbiterFeeBps: 100n,
      fulfillmentWindow: 3n * DAY,
      confirmationWindow: 5n * DAY,
      metadataDigest,
    };
  }

  /** Sends one transaction and waits for it; throws if it reverted. */
  async function send(
    account: Account,
    request: { address: string; abi: Abi; functionName: string; args?: readonly unknown[]; value?: bigint },
  ): Promise<TransactionReceipt> {
    const data = encodeFunctionData({ abi: request.abi, functionName: request.functionName, args: request.args });
    const hash = await wallet(account).sendTransaction({ to: request.address as Address, data, value: request.value, chain, account });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${request.functionName} reverted (${hash})`);
    return receipt;
  }

  /** Lists an item with a document built from `input` (or the given digest, whatever it points at). */
  async function createListing(
    seller: Account,
    arbiter: Address,
    input: ListingInput,
    digest?: Hex,
  ): Promise<{ listingId: bigint; receipt: TransactionReceipt }> {
    const metadataDigest = digest ?? (await uploadBytes(listingDocument(input)));
    const receipt = await send(seller, {
      address: options.market.registry,
      abi: listingRegistryAbi,
      functionName: "createListing",
      args: [listingTerms(input, metadataDigest, arbiter)],
    });
    const [created] = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingCreated" });
    return { listingId: created!.args.listingId, receipt };
  }

  /** Buys with ETH at the listing's current version. */
  async function buyWithEth(buyer: Account, listingId: bigint, quantity: bigint): Promise<bigint> {
    const listing = await publicClient.readContract({
      address: options.market.registry as Address,
      abi: listingRegistryAbi,
      functionName: "getListing",
      args: [listingId],
    });
    const receipt = await send(buyer, {
      address: options.market.escrow,
      abi: escrowAbi,
      functionName: "buy",
      args: [listingId, quantity, listing.version],
      value: listing.price * quantity,
    });
    return parseEventLogs({ abi: escrowAbi, logs: receipt.logs, eventName: "OrderPlaced" })[0]!.args.orderId;
  }

  /**
   * Creates many listings packed into full blocks, the way a busy chain includes them: documents uploaded first,
   * then sent from the node's unlocked development accounts with `packCalls`.
   */
  async function packListings(
    sellers: Address[],
    arbiter: Address,
    inputs: ListingInput[],
    onProgress?: (done: number) => void,
  ): Promise<{ blocks: number }> {
    const GAS = 150_000n;
    const perBlock = Number((await publicClient.getBlock()).gasLimit / GAS);
    let blocks = 0;
    for (let start = 0; start < inputs.length; start += perBlock) {
      const slice = inputs.slice(start, start + perBlock);
      const digests = await mapLimit(slice, 16, (input) => uploadBytes(listingDocument(input)));
      blocks += await packCalls(
        slice.map((input, i) => ({
          from: sellers[(start + i) % sellers.length]!,
          to: options.market.registry as Address,
          gas: GAS,
          data: encodeFunctionData({ abi: listingRegistryAbi, functionName: "createListing", args: [listingTerms(input, digests[i]!, arbiter)] }),
        })),
      );
      onProgress?.(start + slice.length);
    }
    return { blocks };
  }

  /**
   * Sends transactions from the node's unlocked development accounts packed into full blocks: with automine off,
   * one JSON-RPC batch of `eth_sendTransaction` per block, then the block mined (its base fee held at 1 gwei, so that
   * full blocks do not price the next ones out). A sender's transactions keep their order. Returns the blocks mined.
   */
  async function packCalls(calls: Array<{ from: Address; to: Address; data: Hex; gas: bigint; value?: bigint }>): Promise<number> {
    const gasLimit = (await publicClient.getBlock()).gasLimit;
    let blocks = 0;
    await rpc(options.rpcUrl, "evm_setAutomine", [false]);
    try {
      for (let start = 0; start < calls.length; ) {
        let gas = 0n;
        let end = start;
        while (end < calls.length && gas + calls[end]!.gas <= gasLimit) gas += calls[end++]!.gas;
        const batch = calls.slice(start, end).map((call, i) => ({
          jsonrpc: "2.0",
          id: i,
          method: "eth_sendTransaction",
          params: [
            {
              from: call.from,
              to: call.to,
              gas: `0x${call.gas.toString(16)}`,
              maxFeePerGas: "0x77359400",
              maxPriorityFeePerGas: "0x1",
              data: call.data,
              ...(call.value === undefined ? {} : { value: `0x${call.value.toString(16)}` }),
            },
          ],
        }));
        const response = await fetch(options.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) });
        const answers = (await response.json()) as Array<{ error?: { message: string } }>;
        const failed = answers.find((a) => a.error !== undefined);
        if (failed !== undefined) throw new Error(`eth_sendTransaction: ${failed.error!.message}`);
        await rpc(options.rpcUrl, "hardhat_setNextBlockBaseFeePerGas", ["0x3b9aca00"]);
        await rpc(options.rpcUrl, "evm_mine");
        blocks += 1;
        start = end;
      }
    } finally {
      await rpc(options.rpcUrl, "evm_setAutomine", [true]);
    }
    return blocks;
  }

  return { publicClient, uploadBytes, listingDocument, send, createListing, buyWithEth, packListings, packCalls };
}

export type MarketWriter = ReturnType<typeof marketWriter>;

/** Runs `fn` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!, index);
      }
    }),
  );
  return results;
}
