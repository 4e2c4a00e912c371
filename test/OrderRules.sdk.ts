/**
 * The SDK's copies of protocol rules, checked against the contracts themselves: the generated constants against the
 * contracts' views, `computePayout` against `Payouts.split` for random inputs, and the order-rules table
 * (`availableActions`, which the dApp's buttons follow) against what the escrow and the reputation contract accept
 * from every role at T-1, T and T+1 of every deadline, in every state.
 */
import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";

import { computePayout } from "../sdk/src/format.ts";
import { availableActions, type Action, type OrderFacts, type Viewer } from "../sdk/src/order-rules.ts";
import { escrowConstants, listingRegistryConstants, orderStates, payoutsConstants } from "../sdk/src/protocol.ts";
import { deployMarketplace, digest, TERMS, ZERO_ADDRESS, type Marketplace } from "./helpers/fixtures.js";
import { buy, buyAndDispute, buyAndFulfill, createListing } from "./helpers/orders.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("SDK protocol rules against the contracts", function () {
  const deploy = () => deployMarketplace(connection);

  it("generated constants are the contracts' own", async function () {
    const { escrow, registry } = await networkHelpers.loadFixture(deploy);
    expect({
      MAX_PROTOCOL_FEE_BPS: await escrow.MAX_PROTOCOL_FEE_BPS(),
      RULING_WINDOW: await escrow.RULING_WINDOW(),
      RESPONSE_WINDOW: await escrow.RESPONSE_WINDOW(),
      GUARDIAN_PAUSE_DURATION: await escrow.GUARDIAN_PAUSE_DURATION(),
      MAX_ORDER_QUANTITY: await escrow.MAX_ORDER_QUANTITY(),
    }).to.deep.equal({
      MAX_PROTOCOL_FEE_BPS: escrowConstants.MAX_PROTOCOL_FEE_BPS,
      RULING_WINDOW: escrowConstants.RULING_WINDOW,
      RESPONSE_WINDOW: escrowConstants.RESPONSE_WINDOW,
      GUARDIAN_PAUSE_DURATION: escrowConstants.GUARDIAN_PAUSE_DURATION,
      MAX_ORDER_QUANTITY: escrowConstants.MAX_ORDER_QUANTITY,
    });
    expect([await registry.MIN_WINDOW(), await registry.MAX_WINDOW(), await registry.MAX_ARBITER_FEE_BPS()]).to.deep.equal([
      listingRegistryConstants.MIN_WINDOW,
      listingRegistryConstants.MAX_WINDOW,
      listingRegistryConstants.MAX_ARBITER_FEE_BPS,
    ]);
  });

  it("generated bounds are where the contracts draw the line", async function () {
    const market = await networkHelpers.loadFixture(deploy);
    const { registry, escrow, accounts } = market;
    const { MAX_PRICE, MAX_STOCK } = listingRegistryConstants;
    await createListing(market, { price: MAX_PRICE, stock: MAX_STOCK });
    await expect(createListing(market, { price: MAX_PRICE + 1n }))
      .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidPrice")
      .withArgs(MAX_PRICE + 1n);
    await expect(createListing(market, { stock: MAX_STOCK + 1n }))
      .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidStock")
      .withArgs(MAX_STOCK + 1n);
    await (await escrow.connect(accounts.deployer).pause()).wait();
    expect(await escrow.pausedUntil()).to.equal(escrowConstants.PAUSED_INDEFINITELY);
  });

  it("computePayout is Payouts.split, to the wei, for 400 random inputs and the extremes", async function () {
    const harness = await ethers.deployContract("PayoutsHarness");
    const next = random(0x50_4b);
    const big = (bits: number) => BigInt(Math.floor(next() * 2 ** 30)) * 2n ** BigInt(Math.floor(next() * (bits - 30)));
    const cases: Array<[bigint, bigint, bigint, bigint]> = [
      [0n, 0n, 0n, 0n],
      [1n, 5_000n, 1_000n, 500n],
      [escrowConstants.MAX_ORDER_AMOUNT, payoutsConstants.BPS, listingRegistryConstants.MAX_ARBITER_FEE_BPS, escrowConstants.MAX_PROTOCOL_FEE_BPS],
      [escrowConstants.MAX_ORDER_AMOUNT, 0n, 0n, escrowConstants.MAX_PROTOCOL_FEE_BPS],
    ];
    for (let i = 0; i < 400; i++) {
      cases.push([
        big(96) % (escrowConstants.MAX_ORDER_AMOUNT + 1n),
        BigInt(Math.floor(next() * Number(payoutsConstants.BPS + 1n))),
        BigInt(Math.floor(next() * Number(listingRegistryConstants.MAX_ARBITER_FEE_BPS + 1n))),
        BigInt(Math.floor(next() * Number(escrowConstants.MAX_PROTOCOL_FEE_BPS + 1n))),
      ]);
    }
    for (const [amount, share, arbiterFee, protocolFee] of cases) {
      const onChain = await harness.split(amount, share, arbiterFee, protocolFee);
      const sdk = computePayout(amount, share, arbiterFee, protocolFee);
      expect([sdk.buyer, sdk.seller, sdk.arbiter, sdk.protocol], `split(${amount}, ${share}, ${arbiterFee}, ${protocolFee})`).to.deep.equal([
        onChain.buyer,
        onChain.seller,
        onChain.arbiter,
        onChain.protocol,
      ]);
    }
  });

  describe("availableActions is what the chain accepts", function () {
    type Scenario = { name: string; build: (m: Marketplace, listingId: bigint) => Promise<bigint> };
    const scenarios: Scenario[] = [
      { name: "Funded", build: (m, l) => buy(m, l) },
      { name: "Fulfilled", build: (m, l) => buyAndFulfill(m, l) },
      {
        name: "Fulfilled, the seller proposed",
        build: async (m, l) => {
          const id = await buyAndFulfill(m, l);
          await (await m.escrow.connect(m.accounts.seller).proposeSettlement(id, 3_000n)).wait();
          return id;
        },
      },
      { name: "Disputed, the seller not heard yet", build: (m, l) => buyAndDispute(m, l) },
      {
        name: "Disputed, the seller heard, the buyer proposed",
        build: async (m, l) => {
          const id = await buyAndDispute(m, l);
          await (await m.escrow.connect(m.accounts.seller).submitEvidence(id, digest("answer"))).wait();
          await (await m.escrow.connect(m.accounts.buyer).proposeSettlement(id, 6_000n)).wait();
          return id;
        },
      },
      {
        name: "Completed, the buyer already rated",
        build: async (m, l) => {
          const id = await buy(m, l);
          await (await m.escrow.connect(m.accounts.buyer).confirm(id)).wait();
          await (await m.reputation.connect(m.accounts.buyer).rate(id, 5n, TERMS.reviewDigest)).wait();
          return id;
        },
      },
      {
        name: "Declined",
        build: async (m, l) => {
          const id = await buy(m, l);
          await (await m.escrow.connect(m.accounts.seller).decline(id)).wait();
          return id;
        },
      },
      {
        name: "Cancelled",
        build: async (m, l) => {
          const id = await buy(m, l);
          await time.increase(TERMS.fulfillmentWindow);
          await (await m.escrow.connect(m.accounts.buyer).cancel(id)).wait();
          return id;
        },
      },
      {
        name: "Ruled",
        build: async (m, l) => {
          const id = await buyAndDispute(m, l);
          await (await m.escrow.connect(m.accounts.seller).submitEvidence(id, digest("answer"))).wait();
          await (await m.escrow.connect(m.accounts.arbiter).rule(id, 5_000n)).wait();
          return id;
        },
      },
    ];

    /** The transaction each action sends, as `signer`. */
    function send(m: Marketplace, action: Action, orderId: bigint, proposedShare: bigint, signer: HardhatEthersSigner) {
      const escrow = m.escrow.connect(signer);
      switch (action) {
        case "fulfill": return escrow.fulfill.staticCall(orderId, TERMS.noteDigest, { blockTag: "pending" });
        case "decline": return escrow.decline.staticCall(orderId, { blockTag: "pending" });
        case "cancel": return escrow.cancel.staticCall(orderId, { blockTag: "pending" });
        case "confirm": return escrow.confirm.staticCall(orderId, { blockTag: "pending" });
        case "complete": return escrow.complete.staticCall(orderId, { blockTag: "pending" });
        case "dispute": return escrow.openDispute.staticCall(orderId, TERMS.evidenceDigest, { blockTag: "pending" });
        case "evidence": return escrow.submitEvidence.staticCall(orderId, TERMS.evidenceDigest, { blockTag: "pending" });
        case "propose": return escrow.proposeSettlement.staticCall(orderId, 4_000n, { blockTag: "pending" });
        case "accept": return escrow.acceptSettlement.staticCall(orderId, proposedShare, { blockTag: "pending" });
        case "rule": return escrow.rule.staticCall(orderId, 5_000n, { blockTag: "pending" });
        case "resolve": return escrow.resolveAfterTimeout.staticCall(orderId, { blockTag: "pending" });
        case "rate": return m.reputation.connect(signer).rate.staticCall(orderId, 4n, TERMS.reviewDigest, { blockTag: "pending" });
      }
    }

    const ACTIONS: Action[] = ["fulfill", "decline", "cancel", "confirm", "complete", "dispute", "evidence", "propose", "accept", "rule", "resolve", "rate"];

    for (const scenario of scenarios) {
      it(scenario.name, async function () {
        const market = await networkHelpers.loadFixture(deploy);
        const { escrow, reputation, accounts } = market;
        const listingId = await createListing(market, { stock: 5n });
        const orderId = await scenario.build(market, listingId);
        const view = await escrow.getOrder(orderId);
        const state = orderStates[Number(view.state)]!;
        expect(scenario.name.startsWith(state), `enum order: ${scenario.name} is ${state}`).to.equal(true);
        const facts: OrderFacts = {
          state,
          deadline: view.deadline,
          responseDeadline: view.responseDeadline,
          respondentHeard: view.respondentHeard,
          buyer: view.buyer as `0x${string}`,
          seller: view.seller as `0x${string}`,
          arbiter: view.arbiter as `0x${string}`,
          proposer: view.proposer === ZERO_ADDRESS ? undefined : (view.proposer as `0x${string}`),
        };
        const [buyerRated, sellerRated] = await reputation.ratingStatus(orderId);
        const viewers: Array<[Viewer, HardhatEthersSigner]> = [
          ["buyer", accounts.buyer],
          ["seller", accounts.seller],
          ["arbiter", accounts.arbiter],
          ["other", accounts.stranger],
        ];
        const now = BigInt(await time.latest());
        const times = new Set<bigint>([now + 1n]);
        for (const deadline of [view.deadline, view.responseDeadline]) {
          if (deadline > now + 1n) for (const offset of [-1n, 0n, 1n]) times.add(deadline + offset);
        }
        for (const at of [...times].sort((a, b) => (a < b ? -1 : 1))) {
          await time.setNextBlockTimestamp(at);
          for (const [viewer, signer] of viewers) {
            const accepted: Action[] = [];
            for (const action of ACTIONS) {
              const ok = await send(market, action, orderId, view.proposedBuyerShareBps, signer).then(
                () => true,
                () => false,
              );
              if (ok) accepted.push(action);
            }
            // The one deliberate omission: after the confirmation deadline a buyer is offered "confirm", not "complete".
            const expected = accepted.filter((a) => !(a === "complete" && viewer === "buyer"));
            const offered = availableActions(facts, viewer, Number(at), { buyerRated, sellerRated });
            expect([...offered].sort(), `${scenario.name}: ${viewer} at ${at - view.deadline}s from the deadline`).to.deep.equal(
              [...expected].sort(),
            );
          }
        }
      });
    }
  });
});
