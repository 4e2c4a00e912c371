/**
 * Seeds a demo market through the same public interfaces a person uses: documents and images go to the IPFS node's
 * Kubo RPC API, every CID is checked against the bytes sent, and every action is a signed transaction from the
 * account that would make it (sellers list and fulfil, buyers pay, the arbiter rules). Leaves listings from three
 * sellers in ETH and both demo tokens, and orders in every state with ratings, reviews and replies.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import {
  cidToDigest,
  demoGoldAbi,
  demoTokenAbi,
  encodeDocument,
  escrowAbi,
  evidenceSchema,
  fulfillmentNoteSchema,
  listingMetadataSchema,
  listingRegistryAbi,
  replySchema,
  reputationAbi,
  reviewSchema,
  type KnownToken,
} from "@souk/sdk";
import { permitTypedData, splitSignature } from "@souk/sdk/permit";
import { addVerified } from "@souk/sdk/upload";
import { create as createIpfsClient } from "kubo-rpc-client";
import type { z } from "zod";
import {
  createPublicClient,
  createWalletClient,
  http,
  parseEventLogs,
  parseUnits,
  type Abi,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";

import { devAccount, ROLES } from "../local/accounts.ts";
import type { Deployment } from "../export-sdk.ts";
import {
  DEMO_EVIDENCE,
  DEMO_LISTINGS,
  DEMO_REPLIES,
  DEMO_REVIEWS,
  demoNoteFor,
  type DemoListing,
  type PaymentToken,
} from "./catalogue.ts";

const IMAGES = path.join(import.meta.dirname, "images");
const DAY = 86_400n;

export interface SeedSummary {
  listings: number;
  orders: Record<string, number>;
  ratings: number;
  documents: number;
}

export interface SeedOptions {
  rpcUrl: string;
  chainId: number;
  ipfsApiUrl: string;
  deployment: Deployment;
}

type Account = ReturnType<typeof devAccount>;

export async function seedMarket(options: SeedOptions): Promise<SeedSummary> {
  const chain = localChain(options.chainId, options.rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(options.rpcUrl), pollingInterval: 50 });
  const ipfs = createIpfsClient({ url: options.ipfsApiUrl });
  const { deployment } = options;
  const sellers = ROLES.sellers.map(devAccount);
  const buyers = ROLES.buyers.map(devAccount);
  const arbiter = devAccount(ROLES.arbiter);
  const tokens = tokenTable(deployment.tokens);
  const summary: SeedSummary = { listings: 0, orders: {}, ratings: 0, documents: 0 };

  /** Sends a transaction from `account`, waits for it and fails loudly if it reverted. */
  const send = async (
    account: Account,
    request: { address: string; abi: Abi; functionName: string; args?: readonly unknown[]; value?: bigint },
  ): Promise<TransactionReceipt> => {
    const wallet = createWalletClient({ account, chain, transport: http(options.rpcUrl) });
    const { request: simulated } = await publicClient.simulateContract({
      ...request,
      address: request.address as Address,
      account,
    } as Parameters<PublicClient["simulateContract"]>[0]);
    const hash = await wallet.writeContract(simulated as Parameters<typeof wallet.writeContract>[0]);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${request.functionName} reverted (${hash})`);
    return receipt;
  };

  /** Uploads bytes like the dApp does (CIDv1, raw leaves) and checks the node's CID against the bytes sent. */
  const upload = async (bytes: Uint8Array): Promise<{ cid: string; digest: Hex }> => {
    const cid = await addVerified(ipfs, bytes);
    summary.documents += 1;
    return { cid, digest: cidToDigest(cid) };
  };
  const uploadDocument = async <S extends z.ZodType>(schema: S, document: z.input<S>) =>
    (await upload(encodeDocument(schema, document))).digest;

  // Test money for the buyers.
  for (const buyer of buyers) {
    for (const token of [tokens.DUSD, tokens.DGLD]) {
      await send(buyer, {
        address: token.address,
        abi: token.permit ? demoTokenAbi : demoGoldAbi,
        functionName: "faucet",
        args: [buyer.address, parseUnits("50000", token.decimals)],
      });
    }
  }

  // Listings.
  const listingIds: bigint[] = [];
  for (const item of DEMO_LISTINGS) {
    const images = [];
    for (const image of item.images) {
      const { cid } = await upload(new Uint8Array(await readFile(path.join(IMAGES, image.file))));
      images.push({ cid, type: "image/webp" as const, width: 800, height: 600, alt: image.alt });
    }
    const metadataDigest = await uploadDocument(listingMetadataSchema, {
      schema: "souk.listing/1",
      title: item.title,
      description: item.description,
      category: item.category,
      images,
      attributes: item.attributes,
      condition: item.condition,
      delivery: item.delivery,
      tags: item.tags,
    });
    const token = tokens[item.token];
    const receipt = await send(sellers[item.seller]!, {
      address: deployment.registry,
      abi: listingRegistryAbi,
      functionName: "createListing",
      args: [
        {
          token: token.address,
          price: parseUnits(item.price, token.decimals),
          stock: BigInt(item.stock),
          arbiter: arbiter.address,
          arbiterFeeBps: BigInt(item.arbiterFeeBps),
          fulfillmentWindow: BigInt(item.fulfillmentDays) * DAY,
          confirmationWindow: BigInt(item.confirmationDays) * DAY,
          metadataDigest,
        },
      ],
    });
    const [created] = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingCreated" });
    listingIds.push(created!.args.listingId);
    summary.listings += 1;
  }

  // Orders, through every path of the state machine.
  let nextBuyer = 0;
  const buy = async (
    index: number,
    quantity = 1n,
  ): Promise<{ orderId: bigint; buyer: Account; seller: Account; item: DemoListing }> => {
    const item = DEMO_LISTINGS[index]!;
    const listingId = listingIds[index]!;
    const buyer = buyers[nextBuyer++ % buyers.length]!;
    const token = tokens[item.token];
    const amount = parseUnits(item.price, token.decimals) * quantity;
    let receipt: TransactionReceipt;
    if (item.token === "ETH") {
      receipt = await send(buyer, {
        address: deployment.escrow,
        abi: escrowAbi,
        functionName: "buy",
        args: [listingId, quantity, 1n],
        value: amount,
      });
    } else if (token.permit) {
      const deadline = BigInt(Math.floor(Date.now() / 1000)) + DAY;
      const { v, r, s } = await signPermit(publicClient, buyer, token, deployment.escrow as Address, amount, deadline, options.chainId);
      receipt = await send(buyer, {
        address: deployment.escrow,
        abi: escrowAbi,
        functionName: "buyWithPermit",
        args: [listingId, quantity, 1n, deadline, v, r, s],
      });
    } else {
      await send(buyer, {
        address: token.address,
        abi: demoGoldAbi,
        functionName: "approve",
        args: [deployment.escrow, amount],
      });
      receipt = await send(buyer, {
        address: deployment.escrow,
        abi: escrowAbi,
        functionName: "buy",
        args: [listingId, quantity, 1n],
      });
    }
    const [placed] = parseEventLogs({ abi: escrowAbi, logs: receipt.logs, eventName: "OrderPlaced" });
    return { orderId: placed!.args.orderId, buyer, seller: sellers[item.seller]!, item };
  };
  const count = (state: string) => (summary.orders[state] = (summary.orders[state] ?? 0) + 1);
  const escrowCall = (account: Account, functionName: string, args: readonly unknown[]) =>
    send(account, { address: deployment.escrow, abi: escrowAbi, functionName, args });
  const fulfill = async (order: { orderId: bigint; seller: Account; item: DemoListing }) =>
    escrowCall(order.seller, "fulfill", [
      order.orderId,
      await uploadDocument(fulfillmentNoteSchema, { schema: "souk.note/1", text: demoNoteFor(order.item) }),
    ]);
  const dispute = async (order: { orderId: bigint; buyer: Account; seller: Account }) => {
    await escrowCall(order.buyer, "openDispute", [
      order.orderId,
      await uploadDocument(evidenceSchema, { schema: "souk.evidence/1", text: DEMO_EVIDENCE.buyer }),
    ]);
    await escrowCall(order.seller, "submitEvidence", [
      order.orderId,
      await uploadDocument(evidenceSchema, { schema: "souk.evidence/1", text: DEMO_EVIDENCE.seller }),
    ]);
  };
  const rate = async (rater: Account, orderId: bigint, review: (typeof DEMO_REVIEWS)[number]) => {
    const digest = await uploadDocument(reviewSchema, { schema: "souk.review/1", text: review.text });
    await send(rater, {
      address: deployment.reputation,
      abi: reputationAbi,
      functionName: "rate",
      args: [orderId, BigInt(review.score), digest],
    });
    summary.ratings += 1;
  };

  // Completed and rated both ways, spread over every seller; two sellers reply.
  let review = 0;
  let reply = 0;
  const completedItems = pickPerSeller(DEMO_LISTINGS, 2);
  for (const [n, index] of completedItems.entries()) {
    const order = await buy(index);
    await fulfill(order);
    await escrowCall(order.buyer, "confirm", [order.orderId]);
    count("Completed");
    await rate(order.buyer, order.orderId, DEMO_REVIEWS[review++ % DEMO_REVIEWS.length]!);
    await rate(order.seller, order.orderId, { score: 5, text: "Quick payment and friendly messages. Welcome back any time." });
    if (reply < DEMO_REPLIES.length && n % 2 === 0) {
      await send(order.seller, {
        address: deployment.reputation,
        abi: reputationAbi,
        functionName: "reply",
        args: [order.orderId, await uploadDocument(replySchema, { schema: "souk.reply/1", text: DEMO_REPLIES[reply++]! })],
      });
    }
  }
  const spare = DEMO_LISTINGS.map((_, index) => index).filter((index) => !completedItems.includes(index));
  const take = () => spare.shift() ?? 0;

  // Waiting for the seller.
  await buy(take(), 2n);
  count("Funded");
  // Shipped, waiting for the buyer.
  await fulfill(await buy(take()));
  count("Fulfilled");
  // Disputed, evidence from both sides, waiting for the arbiter.
  {
    const order = await buy(take());
    await fulfill(order);
    await dispute(order);
    count("Disputed");
  }
  // Settled: the parties agree on 40% back to the buyer.
  {
    const order = await buy(take());
    await fulfill(order);
    await dispute(order);
    await escrowCall(order.seller, "proposeSettlement", [order.orderId, 4_000n]);
    await escrowCall(order.buyer, "acceptSettlement", [order.orderId, 4_000n]);
    count("Settled");
    await rate(order.buyer, order.orderId, DEMO_REVIEWS[review % DEMO_REVIEWS.length]!);
  }
  // Ruled: the arbiter gives the buyer 70%.
  {
    const order = await buy(take());
    await fulfill(order);
    await dispute(order);
    await escrowCall(arbiter, "submitEvidence", [
      order.orderId,
      await uploadDocument(evidenceSchema, {
        schema: "souk.evidence/1",
        text: "Both photos show the damage happened before shipping. Ruling: 70% back to the buyer.",
      }),
    ]);
    await escrowCall(arbiter, "rule", [order.orderId, 7_000n]);
    count("Ruled");
  }
  // Refunded: the seller declines (out of stock at the workshop).
  {
    const order = await buy(take());
    await escrowCall(order.seller, "decline", [order.orderId]);
    count("Declined");
  }
  return summary;
}

function tokenTable(known: readonly KnownToken[]): Record<PaymentToken, KnownToken> {
  const bySymbol = (symbol: string) => {
    const token = known.find((t) => t.symbol === symbol);
    if (token === undefined) throw new Error(`The deployment has no ${symbol} demo token`);
    return token;
  };
  const eth: KnownToken = {
    address: "0x0000000000000000000000000000000000000000",
    name: "Ether",
    symbol: "ETH",
    decimals: 18,
    permit: false,
    faucet: false,
  };
  return { ETH: eth, DUSD: bySymbol("DUSD"), DGLD: bySymbol("DGLD") };
}

/** `perSeller` listings of each seller, by catalogue index. */
function pickPerSeller(listings: readonly DemoListing[], perSeller: number): number[] {
  const picked: number[] = [];
  const taken = new Map<number, number>();
  listings.forEach((item, index) => {
    const n = taken.get(item.seller) ?? 0;
    if (n < perSeller) {
      picked.push(index);
      taken.set(item.seller, n + 1);
    }
  });
  return picked;
}

async function signPermit(
  client: PublicClient,
  owner: Account,
  token: KnownToken,
  spender: Address,
  value: bigint,
  deadline: bigint,
  chainId: number,
): Promise<{ v: number; r: Hex; s: Hex }> {
  const address = token.address as Address;
  const nonce = await client.readContract({ address, abi: demoTokenAbi, functionName: "nonces", args: [owner.address] });
  const typed = permitTypedData({ tokenName: token.name, chainId, token: address, owner: owner.address, spender, value, nonce, deadline });
  return splitSignature(await owner.signTypedData(typed));
}

export function localChain(chainId: number, rpcUrl: string): Chain {
  return {
    id: chainId,
    name: chainId === 31337 ? "Souk local" : `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
}
