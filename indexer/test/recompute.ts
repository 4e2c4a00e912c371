/**
 * The market's figures recomputed from the chain alone, independently of the indexer: every event read with viem's
 * getLogs (never the indexer's tables), every block read for its time and its transactions, every listing document
 * fetched from the IPFS gateway and checked against its digest. Used by insights.test.ts to check each analytics
 * answer. Written separately from the indexer's code on purpose (its own bucket arithmetic, percentiles, decimal
 * formatting and funding search), so that a shared mistake cannot hide.
 */
import { createHash } from "node:crypto";

import { digestToCid, escrowAbi, listingMetadataSchema, listingRegistryAbi, parseDocument, reputationAbi } from "@souk/sdk";
import { parseAbiItem, type Address, type PublicClient } from "viem";

const ZERO_DIGEST = `0x${"0".repeat(64)}`;
const ETH = "0x0000000000000000000000000000000000000000";
const TRANSFER = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)");
const DAY = 86_400;
const PAID = new Set(["Completed", "Settled", "Ruled"]);

interface ListingFact {
  id: bigint;
  seller: string;
  token: string;
  createdAt: number;
  closed: boolean;
  stock: bigint;
  /** The metadata digest in force at each version. */
  versions: Map<bigint, { digest: string; price: bigint }>;
  digest: string;
}

export interface OrderFact {
  id: bigint;
  listingId: bigint;
  version: bigint;
  buyer: string;
  seller: string;
  token: string;
  quantity: bigint;
  amount: bigint;
  placedAt: number;
  placedBlock: bigint;
  fulfilledAt: number | null;
  disputedAt: number | null;
  endedAt: number | null;
  state: string;
  byTimeout: boolean | null;
  payout: { buyer: bigint; seller: bigint; arbiter: bigint; protocol: bigint } | null;
}

interface RatingFact {
  orderId: bigint;
  rater: string;
  ratee: string;
  role: "Seller" | "Buyer";
  score: number;
  token: string;
  amount: bigint;
  timestamp: number;
}

interface Movement {
  from: string;
  to: string;
  block: bigint;
  hash: string;
}

export interface ChainFacts {
  asOf: number;
  listings: Map<bigint, ListingFact>;
  orders: Map<bigint, OrderFact>;
  ratings: RatingFact[];
  documents: Map<string, { title: string; category: string } | null>;
  ethSent: Movement[];
  tokenTransfers: Map<string, Movement[]>;
  withdrawals: Movement[];
  claimed: Map<string, bigint>;
}

const lower = (value: string) => value.toLowerCase();

export async function readChain(
  client: PublicClient,
  market: { registry: string; escrow: string; reputation: string; tokens: ReadonlyArray<{ address: string }> },
  gatewayUrl: string,
): Promise<ChainFacts> {
  const head = await client.getBlockNumber();
  const blocks = await Promise.all(
    Array.from({ length: Number(head) + 1 }, (_, n) => client.getBlock({ blockNumber: BigInt(n), includeTransactions: true })),
  );
  const time = (block: bigint) => Number(blocks[Number(block)]!.timestamp);
  const events = [
    ...(await client.getContractEvents({ address: market.registry as Address, abi: listingRegistryAbi, fromBlock: 0n })),
    ...(await client.getContractEvents({ address: market.escrow as Address, abi: escrowAbi, fromBlock: 0n })),
    ...(await client.getContractEvents({ address: market.reputation as Address, abi: reputationAbi, fromBlock: 0n })),
  ].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));

  const facts: ChainFacts = {
    asOf: time(head),
    listings: new Map(),
    orders: new Map(),
    ratings: [],
    documents: new Map(),
    ethSent: [],
    tokenTransfers: new Map(),
    withdrawals: [],
    claimed: new Map(),
  };
  const end = (order: OrderFact, state: string, at: number, byTimeout: boolean, payout: OrderFact["payout"]) => {
    Object.assign(order, { state, endedAt: at, byTimeout, payout });
  };
  for (const event of events) {
    const at = time(event.blockNumber);
    const args = event.args as Record<string, any>;
    switch (event.eventName) {
      case "ListingCreated":
        facts.listings.set(args.listingId, {
          id: args.listingId,
          seller: lower(args.seller),
          token: lower(args.token),
          createdAt: at,
          closed: false,
          stock: args.stock,
          versions: new Map([[args.version, { digest: lower(args.metadataDigest), price: args.price }]]),
          digest: lower(args.metadataDigest),
        });
        break;
      case "ListingUpdated": {
        const listing = facts.listings.get(args.listingId)!;
        if (args.metadataDigest !== ZERO_DIGEST) listing.digest = lower(args.metadataDigest);
        listing.versions.set(args.version, { digest: listing.digest, price: args.price });
        listing.stock = args.stock;
        break;
      }
      case "ListingClosed":
        facts.listings.get(args.listingId)!.closed = true;
        break;
      case "ListingReopened":
        facts.listings.get(args.listingId)!.closed = false;
        break;
      case "StockReturned":
        facts.listings.get(args.listingId)!.stock = args.stock;
        break;
      case "OrderPlaced": {
        const listing = facts.listings.get(args.listingId)!;
        listing.stock -= args.quantity;
        facts.orders.set(args.orderId, {
          id: args.orderId,
          listingId: args.listingId,
          version: args.listingVersion,
          buyer: lower(args.buyer),
          seller: lower(args.seller),
          token: listing.token,
          quantity: args.quantity,
          amount: args.amount,
          placedAt: at,
          placedBlock: event.blockNumber,
          fulfilledAt: null,
          disputedAt: null,
          endedAt: null,
          state: "Funded",
          byTimeout: null,
          payout: null,
        });
        break;
      }
      case "OrderFulfilled":
        Object.assign(facts.orders.get(args.orderId)!, { fulfilledAt: at, state: "Fulfilled" });
        break;
      case "DisputeOpened":
        Object.assign(facts.orders.get(args.orderId)!, { disputedAt: at, state: "Disputed" });
        break;
      case "OrderDeclined":
      case "OrderCancelled": {
        const order = facts.orders.get(args.orderId)!;
        end(order, event.eventName === "OrderDeclined" ? "Declined" : "Cancelled", at, event.eventName === "OrderCancelled", {
          buyer: order.amount,
          seller: 0n,
          arbiter: 0n,
          protocol: 0n,
        });
        break;
      }
      case "OrderCompleted":
        end(facts.orders.get(args.orderId)!, "Completed", at, args.byTimeout, { buyer: 0n, seller: args.sellerAmount, arbiter: 0n, protocol: args.protocolFee });
        break;
      case "OrderSettled":
      case "OrderRuled":
        end(facts.orders.get(args.orderId)!, event.eventName === "OrderSettled" ? "Settled" : "Ruled", at, args.byTimeout ?? false, { ...args.payout });
        break;
      case "Rated":
        facts.ratings.push({
          orderId: args.orderId,
          rater: lower(args.rater),
          ratee: lower(args.ratee),
          role: Number(args.rateeRole) === 0 ? "Seller" : "Buyer",
          score: Number(args.score),
          token: lower(args.token),
          amount: args.amount,
          timestamp: at,
        });
        break;
      case "Withdrawn":
        facts.withdrawals.push({ from: lower(args.account), to: lower(args.to), block: event.blockNumber, hash: event.transactionHash });
        break;
      case "ProtocolFeesClaimed":
        facts.claimed.set(lower(args.token), (facts.claimed.get(lower(args.token)) ?? 0n) + args.amount);
        break;
    }
  }

  // Every ETH transfer made by a transaction's sender, from every block.
  for (const block of blocks) {
    for (const tx of block.transactions) {
      if (tx.to !== null && tx.value > 0n) facts.ethSent.push({ from: lower(tx.from), to: lower(tx.to), block: block.number, hash: tx.hash });
    }
  }
  for (const token of market.tokens) {
    const logs = await client.getLogs({ address: token.address as Address, event: TRANSFER, fromBlock: 0n });
    facts.tokenTransfers.set(
      lower(token.address),
      logs.map((l) => ({ from: lower(l.args.from!), to: lower(l.args.to!), block: l.blockNumber, hash: l.transactionHash })),
    );
  }

  // Every listing document of every version, from the gateway, checked against its digest.
  const digests = new Set([...facts.listings.values()].flatMap((l) => [...l.versions.values()].map((v) => v.digest)));
  for (const digest of digests) {
    const response = await fetch(`${gatewayUrl}/ipfs/${digestToCid(digest as `0x${string}`)}?format=raw`);
    if (!response.ok) {
      facts.documents.set(digest, null);
      continue;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (`0x${createHash("sha256").update(bytes).digest("hex")}` !== digest) throw new Error(`The gateway returned other bytes for ${digest}`);
    const parsed = parseDocument(listingMetadataSchema, bytes);
    facts.documents.set(digest, parsed.ok ? { title: parsed.value.title, category: parsed.value.category } : null);
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic, written here independently of the indexer.

/** 00:00 UTC of the timestamp's day. */
export function utcDay(seconds: number): number {
  const d = new Date(seconds * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 1000;
}

/** Monday 00:00 UTC of the timestamp's ISO week. */
export function utcWeek(seconds: number): number {
  const day = utcDay(seconds);
  const weekday = (new Date(day * 1000).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY;
}

/** Nearest-rank percentile: the smallest value with at least `p` of the values at or below it. */
export function nearestRank<T extends number | bigint>(values: T[], p: number): T | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.ceil(p * sorted.length) - 1]!;
}

export function avg2(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

/** A base-unit amount as a decimal in `decimals`, trailing zeros dropped. */
export function decimalString(value: bigint, decimals: number): string {
  if (decimals === 0) return value.toString();
  const digits = value.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, -decimals);
  const fraction = digits.slice(-decimals).replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

function series(asOf: number, count: number, bucket: (s: number) => number, step: number, orders: OrderFact[], amount: (o: OrderFact) => bigint) {
  const last = bucket(asOf);
  const starts = Array.from({ length: count }, (_, i) => last - (count - 1 - i) * step);
  return starts.map((start) => {
    const inside = orders.filter((o) => o.endedAt !== null && bucket(o.endedAt) === start);
    return { start, orders: inside.length, amount: inside.reduce((a, o) => a + amount(o), 0n).toString() };
  });
}

const byAddress = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function categoryOf(facts: ChainFacts, digest: string): string | null {
  return facts.documents.get(digest)?.category ?? null;
}

function versionOf(facts: ChainFacts, order: OrderFact) {
  return facts.listings.get(order.listingId)!.versions.get(order.version)!;
}

// ---------------------------------------------------------------------------------------------------------------
// The figures, shaped as the API answers them.

export function expectedMarketStats(facts: ChainFacts) {
  const orders = [...facts.orders.values()];
  const paid = orders.filter((o) => PAID.has(o.state));
  const tokens = [...new Set([...facts.listings.values()].map((l) => l.token))].sort(byAddress);
  const count = (state: string, byTimeout?: boolean) => orders.filter((o) => o.state === state && (byTimeout === undefined || o.byTimeout === byTimeout)).length;
  const disputed = orders.filter((o) => o.disputedAt !== null).length;
  const toFulfil = orders.filter((o) => o.fulfilledAt !== null).map((o) => o.fulfilledAt! - o.placedAt);
  const toComplete = orders.filter((o) => o.state === "Completed").map((o) => o.endedAt! - o.placedAt);
  const since = facts.asOf - 30 * DAY;
  const sellers = new Set([
    ...[...facts.listings.values()].filter((l) => l.createdAt >= since).map((l) => l.seller),
    ...orders.filter((o) => o.placedAt >= since).map((o) => o.seller),
  ]);
  const buyers = new Set(orders.filter((o) => o.placedAt >= since).map((o) => o.buyer));

  const categories = new Map<string, { category: string; listings: number; openListings: number; orders: number; sales: number; volume: Map<string, bigint> }>();
  const entry = (name: string) => {
    if (!categories.has(name)) categories.set(name, { category: name, listings: 0, openListings: 0, orders: 0, sales: 0, volume: new Map() });
    return categories.get(name)!;
  };
  for (const listing of facts.listings.values()) {
    const category = categoryOf(facts, listing.digest);
    if (category === null) continue;
    entry(category).listings += 1;
    if (!listing.closed) entry(category).openListings += 1;
  }
  for (const order of orders) {
    const category = categoryOf(facts, versionOf(facts, order).digest);
    if (category === null) continue;
    const e = entry(category);
    e.orders += 1;
    if (PAID.has(order.state)) {
      e.sales += 1;
      e.volume.set(order.token, (e.volume.get(order.token) ?? 0n) + order.amount);
    }
  }
  return {
    asOf: facts.asOf,
    volume: tokens.map((token) => {
      const inToken = paid.filter((o) => o.token === token);
      return {
        token,
        daily: series(facts.asOf, 90, utcDay, DAY, inToken, (o) => o.amount),
        weekly: series(facts.asOf, 52, utcWeek, 7 * DAY, inToken, (o) => o.amount),
      };
    }),
    outcomes: {
      completed: count("Completed"),
      completedByTimeout: count("Completed", true),
      settled: count("Settled"),
      settledByTimeout: count("Settled", true),
      ruled: count("Ruled"),
      declined: count("Declined"),
      cancelled: count("Cancelled"),
      open: { funded: count("Funded"), fulfilled: count("Fulfilled"), disputed: count("Disputed") },
    },
    disputes: { orders: orders.length, disputed, rate: orders.length === 0 ? null : Math.round((disputed / orders.length) * 10_000) / 10_000 },
    timing: {
      toFulfil: { count: toFulfil.length, median: nearestRank(toFulfil, 0.5), p90: nearestRank(toFulfil, 0.9) },
      toComplete: { count: toComplete.length, median: nearestRank(toComplete, 0.5), p90: nearestRank(toComplete, 0.9) },
    },
    active: { days: 30, sellers: sellers.size, buyers: buyers.size },
    categories: [...categories.values()]
      .sort((a, b) => b.listings - a.listings || (a.category < b.category ? -1 : 1))
      .map((c) => ({
        ...c,
        volume: [...c.volume].sort(([a], [b]) => byAddress(a, b)).map(([token, amount]) => ({ token, amount: amount.toString() })),
      })),
    protocolFees: tokens.map((token) => ({
      token,
      collected: orders.filter((o) => o.token === token && o.payout !== null).reduce((a, o) => a + o.payout!.protocol, 0n).toString(),
      claimed: (facts.claimed.get(token) ?? 0n).toString(),
    })),
  };
}

export function expectedSellerAnalytics(facts: ChainFacts, seller: string) {
  const orders = [...facts.orders.values()].filter((o) => o.seller === seller);
  const listings = [...facts.listings.values()].filter((l) => l.seller === seller);
  const tokens = [...new Set(listings.map((l) => l.token))].sort(byAddress);
  const paid = orders.filter((o) => PAID.has(o.state));
  const wentAhead = orders.filter((o) => o.state !== "Declined" && o.state !== "Cancelled");
  const shipped = orders.filter((o) => o.fulfilledAt !== null).map((o) => o.fulfilledAt! - o.placedAt);
  const ratings = facts.ratings.filter((r) => r.ratee === seller && r.role === "Seller");
  const weeks = [...new Set(ratings.map((r) => utcWeek(r.timestamp)))].sort((a, b) => a - b);
  let cumulativeCount = 0;
  let cumulativeSum = 0;
  const perBuyer = new Map<string, number>();
  for (const o of orders) perBuyer.set(o.buyer, (perBuyer.get(o.buyer) ?? 0) + 1);
  const repeat = [...perBuyer.values()].filter((n) => n >= 2);
  const perListing = new Map<bigint, { orders: number; units: bigint; amount: bigint; token: string }>();
  for (const o of wentAhead) {
    const e = perListing.get(o.listingId) ?? { orders: 0, units: 0n, amount: 0n, token: o.token };
    perListing.set(o.listingId, { ...e, orders: e.orders + 1, units: e.units + o.quantity, amount: e.amount + o.amount });
  }
  const since = facts.asOf - 30 * DAY;
  const title = (digest: string) => facts.documents.get(digest)?.title ?? null;
  return {
    seller,
    asOf: facts.asOf,
    revenue: tokens.map((token) => {
      const inToken = paid.filter((o) => o.token === token);
      return {
        token,
        orders: inToken.length,
        total: inToken.reduce((a, o) => a + o.payout!.seller, 0n).toString(),
        daily: series(facts.asOf, 90, utcDay, DAY, inToken, (o) => o.payout!.seller),
        weekly: series(facts.asOf, 52, utcWeek, 7 * DAY, inToken, (o) => o.payout!.seller),
      };
    }),
    funnel: {
      placed: orders.length,
      fulfilled: orders.filter((o) => o.fulfilledAt !== null).length,
      completed: orders.filter((o) => o.state === "Completed").length,
      declined: orders.filter((o) => o.state === "Declined").length,
      cancelled: orders.filter((o) => o.state === "Cancelled").length,
      disputed: orders.filter((o) => o.disputedAt !== null).length,
      settled: orders.filter((o) => o.state === "Settled").length,
      ruled: orders.filter((o) => o.state === "Ruled").length,
      open: orders.filter((o) => ["Funded", "Fulfilled", "Disputed"].includes(o.state)).length,
    },
    shipping: {
      count: shipped.length,
      average: shipped.length === 0 ? null : Math.round(shipped.reduce((a, b) => a + b, 0) / shipped.length),
      median: nearestRank(shipped, 0.5),
    },
    ratings: {
      count: ratings.length,
      average: avg2(ratings.reduce((a, r) => a + r.score, 0), ratings.length),
      weekly: weeks.map((start) => {
        const inWeek = ratings.filter((r) => utcWeek(r.timestamp) === start);
        const sum = inWeek.reduce((a, r) => a + r.score, 0);
        cumulativeCount += inWeek.length;
        cumulativeSum += sum;
        return { start, count: inWeek.length, average: avg2(sum, inWeek.length), cumulativeCount, cumulativeAverage: avg2(cumulativeSum, cumulativeCount) };
      }),
    },
    buyers: { distinct: perBuyer.size, repeat: repeat.length, ordersFromRepeat: repeat.reduce((a, n) => a + n, 0) },
    bestSellers: [...perListing]
      .sort(([idA, a], [idB, b]) => (a.units !== b.units ? (b.units > a.units ? 1 : -1) : b.orders - a.orders || (idB > idA ? 1 : -1)))
      .slice(0, 5)
      .map(([id, e]) => ({
        listingId: id.toString(),
        title: title(facts.listings.get(id)!.digest),
        token: e.token,
        orders: e.orders,
        units: e.units.toString(),
        amount: e.amount.toString(),
      })),
    stockAlerts: listings
      .filter((l) => !l.closed)
      .map((l) => ({ l, sold: wentAhead.filter((o) => o.listingId === l.id && o.placedAt >= since).reduce((a, o) => a + o.quantity, 0n) }))
      .filter(({ l, sold }) => l.stock <= sold)
      .sort((a, b) => (a.l.stock !== b.l.stock ? (a.l.stock < b.l.stock ? -1 : 1) : a.l.id < b.l.id ? -1 : 1))
      .map(({ l, sold }) => ({
        listingId: l.id.toString(),
        title: title(l.digest),
        stock: l.stock.toString(),
        soldRecently: sold.toString(),
        kind: l.stock === 0n ? "sold-out" : "low",
        daysLeft: l.stock === 0n ? null : Number((l.stock * 30n) / sold),
      })),
  };
}

export function expectedPriceSuggestion(facts: ChainFacts, category: string, token: string) {
  const since = facts.asOf - 90 * DAY;
  const prices = [...facts.orders.values()]
    .filter((o) => o.state === "Completed" && o.token === token && o.endedAt! >= since && categoryOf(facts, versionOf(facts, o).digest) === category)
    .map((o) => versionOf(facts, o).price);
  const enough = prices.length >= 3;
  const min = prices.reduce<bigint | null>((a, p) => (a === null || p < a ? p : a), null);
  const max = prices.reduce<bigint | null>((a, p) => (a === null || p > a ? p : a), null);
  return {
    category,
    token,
    days: 90,
    asOf: facts.asOf,
    count: prices.length,
    median: enough ? nearestRank(prices, 0.5)!.toString() : null,
    low: enough ? min!.toString() : null,
    high: enough ? max!.toString() : null,
  };
}

/** Σ score·amount / Σ amount, to two decimals, half up, in integers. */
function weighted(list: RatingFact[]): number | null {
  const total = list.reduce((a, r) => a + r.amount, 0n);
  if (total === 0n) return null;
  const scaled = list.reduce((a, r) => a + BigInt(r.score) * r.amount, 0n) * 100n;
  const quotient = scaled / total;
  return Number(scaled - quotient * total >= total - (scaled - quotient * total) ? quotient + 1n : quotient) / 100;
}

export function expectedTrust(facts: ChainFacts, seller: string) {
  const ratings = facts.ratings
    .filter((r) => r.ratee === seller && r.role === "Seller")
    .sort((a, b) => a.timestamp - b.timestamp || (a.orderId < b.orderId ? -1 : 1));
  const tokens = [...new Set(ratings.map((r) => r.token))].sort(byAddress);
  const orders = [...facts.orders.values()];
  const median = (token: string) => nearestRank(orders.filter((o) => o.token === token).map((o) => o.amount), 0.5)!;
  const perRater = new Map<string, number>();
  for (const r of ratings) perRater.set(r.rater, (perRater.get(r.rater) ?? 0) + 1);
  const flagged: Array<Record<string, unknown>> = [];
  const clean: RatingFact[] = [];
  for (const r of ratings) {
    const order = facts.orders.get(r.orderId)!;
    const candidates: Array<{ kind: string; m: Movement }> = [
      ...facts.ethSent.filter((m) => m.from === seller && m.to === r.rater && m.block <= order.placedBlock).map((m) => ({ kind: "eth", m })),
      ...(order.token === ETH ? [] : (facts.tokenTransfers.get(order.token) ?? []))
        .filter((m) => m.from === seller && m.to === r.rater && m.block <= order.placedBlock)
        .map((m) => ({ kind: "token", m })),
      ...facts.withdrawals.filter((m) => m.from === seller && m.to === r.rater && m.block <= order.placedBlock).map((m) => ({ kind: "withdrawal", m })),
    ];
    const rank = ["eth", "token", "withdrawal"];
    candidates.sort((a, b) => (a.m.block === b.m.block ? rank.indexOf(a.kind) - rank.indexOf(b.kind) : a.m.block < b.m.block ? -1 : 1));
    const flags: Array<Record<string, unknown>> = [];
    const first = candidates[0];
    if (first !== undefined) flags.push({ kind: "funded-by-seller", via: first.kind, transactionHash: first.m.hash, blockNumber: Number(first.m.block) });
    const tradesBack = orders.some((o) => o.buyer === seller && o.seller === r.rater);
    if (tradesBack && r.amount * 10n < median(r.token)) flags.push({ kind: "back-and-forth", medianInToken: median(r.token).toString() });
    if (flags.length > 0) flagged.push({ orderId: r.orderId.toString(), rater: r.rater, score: r.score, token: r.token, amount: r.amount.toString(), flags });
    else clean.push(r);
  }
  const sum = (list: RatingFact[]) => list.reduce((a, r) => a + r.score, 0);
  const repeat = [...perRater.values()].filter((n) => n >= 2);
  return {
    address: seller,
    plain: { count: ratings.length, average: avg2(sum(ratings), ratings.length) },
    weighted: tokens.map((token) => {
      const inToken = ratings.filter((r) => r.token === token);
      return { token, count: inToken.length, value: inToken.reduce((a, r) => a + r.amount, 0n).toString(), average: weighted(inToken) };
    }),
    distinctBuyers: perRater.size,
    repeatBuyers: repeat.length,
    ratingsFromRepeatBuyers: repeat.reduce((a, n) => a + n, 0),
    flagged: flagged.reverse(),
    withoutFlagged: { count: clean.length, average: avg2(sum(clean), clean.length) },
    fundingChecks: { checked: ratings.length, pending: 0 },
  };
}

/** The sales CSV's rows (header first), as arrays of fields. */
export function expectedSalesRows(facts: ChainFacts, seller: string, tokens: Map<string, { symbol: string; decimals: number }>): string[][] {
  const iso = (s: number | null) => (s === null ? "" : new Date(s * 1000).toISOString().replace(".000Z", "Z"));
  const rows = [...facts.orders.values()]
    .filter((o) => o.seller === seller)
    .sort((a, b) => a.placedAt - b.placedAt || (a.id < b.id ? -1 : 1))
    .map((o) => {
      const info = tokens.get(o.token)!;
      const money = (v: bigint | undefined) => (v === undefined ? "" : decimalString(v, info.decimals));
      const version = versionOf(facts, o);
      const title = facts.documents.get(version.digest)?.title ?? "";
      return [
        o.id.toString(),
        iso(o.placedAt),
        iso(o.fulfilledAt),
        iso(o.endedAt),
        o.state,
        o.endedAt === null ? "" : String(o.byTimeout === true),
        o.listingId.toString(),
        o.version.toString(),
        /^[=+\-@\t\r]/.test(title) ? `'${title}` : title,
        o.buyer,
        o.quantity.toString(),
        o.token,
        info.symbol,
        String(info.decimals),
        money(version.price),
        money(o.amount),
        money(o.payout?.protocol),
        money(o.payout?.arbiter),
        money(o.payout?.seller),
        money(o.payout?.buyer),
      ];
    });
  const header = "order_id,placed_at,fulfilled_at,ended_at,outcome,by_timeout,listing_id,listing_version,title,buyer,quantity,token,symbol,decimals,unit_price,amount,protocol_fee,arbiter_fee,seller_payout,buyer_refund".split(",");
  return [header, ...rows];
}

/** RFC 4180 CSV into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
