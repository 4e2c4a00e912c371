import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketplace, digest, PROTOCOL_FEE_BPS, TERMS, ZERO_ADDRESS, type Marketplace } from "./helpers/fixtures.js";
import {
  blockTimeOf,
  buy,
  buyAndDispute,
  buyAndFulfill,
  createListing,
  createTokenListing,
  orderIdOf,
} from "./helpers/orders.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const State = {
  None: 0n,
  Funded: 1n,
  Fulfilled: 2n,
  Disputed: 3n,
  Completed: 4n,
  Declined: 5n,
  Cancelled: 6n,
  Settled: 7n,
  Ruled: 8n,
} as const;

const BPS = 10_000n;
const RULING_WINDOW = 30n * 24n * 3_600n;
const RESPONSE_WINDOW = 72n * 3_600n;

/** Runs `check` once at each offset from `deadline` (T-1, T, T+1), each from the same chain state. */
async function atBoundary(deadline: bigint, check: (offset: bigint) => Promise<void>): Promise<void> {
  for (const offset of [-1n, 0n, 1n]) {
    const snapshot = await networkHelpers.takeSnapshot();
    await time.setNextBlockTimestamp(deadline + offset);
    await check(offset);
    await snapshot.restore();
  }
}

describe("Escrow: order life cycle", function () {
  async function listed(): Promise<Marketplace & { listingId: bigint }> {
    const market = await deployMarketplace(connection);
    const listingId = await createListing(market, { stock: 10n });
    return { ...market, listingId };
  }
  async function funded() {
    const market = await listed();
    const orderId = await buy(market, market.listingId, 2n);
    const { deadline } = await market.escrow.getOrder(orderId);
    return { ...market, orderId, deadline, amount: 2n * TERMS.price };
  }
  async function fulfilled() {
    const market = await listed();
    const orderId = await buyAndFulfill(market, market.listingId, 2n);
    const { deadline } = await market.escrow.getOrder(orderId);
    return { ...market, orderId, deadline, amount: 2n * TERMS.price };
  }
  async function disputed() {
    const market = await listed();
    const orderId = await buyAndDispute(market, market.listingId, 2n);
    const { deadline, responseDeadline } = await market.escrow.getOrder(orderId);
    return { ...market, orderId, deadline, responseDeadline, amount: 2n * TERMS.price };
  }
  /** Disputed, and the seller (the respondent) has answered with evidence: the arbiter may rule at once. */
  async function heard() {
    const market = await disputed();
    await (await market.escrow.connect(market.accounts.seller).submitEvidence(market.orderId, digest("reply"))).wait();
    return market;
  }

  describe("fulfill", function () {
    it("moves Funded to Fulfilled and starts the confirmation window", async function () {
      const market = await networkHelpers.loadFixture(funded);
      const { escrow, accounts, orderId } = market;
      const tx = await escrow.connect(accounts.seller).fulfill(orderId, TERMS.noteDigest);
      await expect(tx).to.emit(escrow, "OrderFulfilled").withArgs(orderId, TERMS.noteDigest);
      const at = await blockTimeOf(market, tx);
      const order = await escrow.getOrder(orderId);
      expect(order.state).to.equal(State.Fulfilled);
      expect(order.deadline).to.equal(at + TERMS.confirmationWindow);
    });

    it("accepts an empty note", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(funded);
      await expect(escrow.connect(accounts.seller).fulfill(orderId, "0x" + "00".repeat(32))).to.emit(
        escrow,
        "OrderFulfilled",
      );
    });

    it("is open until the second before the fulfilment deadline (T-1 ok, T and T+1 too late)", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(funded);
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.seller).fulfill(orderId, TERMS.noteDigest);
        if (offset < 0n) await expect(tx).to.emit(escrow, "OrderFulfilled");
        else {
          await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
        }
      });
    });

    it("is for the seller only", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(funded);
      for (const signer of [accounts.buyer, accounts.arbiter, accounts.stranger]) {
        await expect(escrow.connect(signer).fulfill(orderId, TERMS.noteDigest))
          .to.be.revertedWithCustomError(escrow, "EscrowNotSeller")
          .withArgs(orderId, signer.address);
      }
    });

    it("happens once and only from Funded", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(fulfilled);
      await expect(escrow.connect(accounts.seller).fulfill(orderId, TERMS.noteDigest))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Fulfilled);
    });
  });

  describe("decline", function () {
    it("refunds the buyer in full, returns the units and ends Declined", async function () {
      const { escrow, registry, accounts, orderId, listingId, amount } = await networkHelpers.loadFixture(funded);
      expect((await registry.getListing(listingId)).stock).to.equal(8n);
      await expect(escrow.connect(accounts.seller).decline(orderId))
        .to.emit(escrow, "OrderDeclined")
        .withArgs(orderId)
        .and.to.emit(registry, "StockReturned")
        .withArgs(listingId, 2n, 10n);
      expect(await escrow.creditOf(accounts.buyer.address, ZERO_ADDRESS)).to.equal(amount);
      expect((await registry.getListing(listingId)).stock).to.equal(10n);
      expect((await escrow.getOrder(orderId)).state).to.equal(State.Declined);
      expect((await escrow.getOrder(orderId)).deadline).to.equal(0n);
    });

    it("closes at the fulfilment deadline, where the order becomes the buyer's to cancel (T-1 ok, T and T+1 too late)", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(funded);
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.seller).decline(orderId);
        if (offset < 0n) await expect(tx).to.emit(escrow, "OrderDeclined");
        else {
          await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
          expect((await escrow.getOrder(orderId)).state).to.equal(State.Funded);
        }
      });
    });

    it("cannot front-run the buyer's cancel to take away the buyer's rating", async function () {
      const { escrow, reputation, accounts, orderId, deadline } = await networkHelpers.loadFixture(funded);
      await time.increaseTo(deadline);
      await expect(escrow.connect(accounts.seller).decline(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed")
        .withArgs(orderId, deadline);
      await expect(escrow.connect(accounts.buyer).cancel(orderId)).to.emit(escrow, "OrderCancelled");
      await expect(reputation.connect(accounts.buyer).rate(orderId, 1n, TERMS.reviewDigest)).to.emit(
        reputation,
        "Rated",
      );
    });

    it("is for the seller only, and only while Funded", async function () {
      const market = await networkHelpers.loadFixture(funded);
      const { escrow, accounts, orderId } = market;
      await expect(escrow.connect(accounts.buyer).decline(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowNotSeller")
        .withArgs(orderId, accounts.buyer.address);
      await (await escrow.connect(accounts.seller).fulfill(orderId, TERMS.noteDigest)).wait();
      await expect(escrow.connect(accounts.seller).decline(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Fulfilled);
    });

    it("returns stock to a closed listing without reopening it", async function () {
      const { escrow, registry, accounts, orderId, listingId } = await networkHelpers.loadFixture(funded);
      await (await registry.connect(accounts.seller).closeListing(listingId)).wait();
      await (await escrow.connect(accounts.seller).decline(orderId)).wait();
      const listing = await registry.getListing(listingId);
      expect(listing.stock).to.equal(10n);
      expect(listing.closed).to.equal(true);
    });
  });

  describe("cancel", function () {
    it("opens at the fulfilment deadline (T-1 too early, T and T+1 ok) and refunds in full", async function () {
      const { escrow, registry, accounts, orderId, deadline, amount, listingId } =
        await networkHelpers.loadFixture(funded);
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.buyer).cancel(orderId);
        if (offset < 0n) {
          await expect(tx)
            .to.be.revertedWithCustomError(escrow, "EscrowDeadlineNotReached")
            .withArgs(orderId, deadline);
        } else {
          await expect(tx)
            .to.emit(escrow, "OrderCancelled")
            .withArgs(orderId)
            .and.to.emit(registry, "StockReturned")
            .withArgs(listingId, 2n, 10n);
          expect(await escrow.creditOf(accounts.buyer.address, ZERO_ADDRESS)).to.equal(amount);
          expect((await escrow.getOrder(orderId)).state).to.equal(State.Cancelled);
        }
      });
    });

    it("is for the buyer only, and only while Funded", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(funded);
      await time.increaseTo(deadline);
      await expect(escrow.connect(accounts.seller).cancel(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowNotBuyer")
        .withArgs(orderId, accounts.seller.address);
      await (await escrow.connect(accounts.buyer).cancel(orderId)).wait();
      await expect(escrow.connect(accounts.buyer).cancel(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Cancelled);
    });

    it("cannot follow a fulfilment that came in time", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(fulfilled);
      await time.increase(TERMS.fulfillmentWindow * 2n);
      await expect(escrow.connect(accounts.buyer).cancel(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Fulfilled);
    });
  });

  describe("confirm", function () {
    for (const from of ["Funded", "Fulfilled"] as const) {
      it(`completes a ${from} order: the seller is credited the amount less the protocol fee`, async function () {
        const { escrow, accounts, orderId, amount } = await networkHelpers.loadFixture(
          from === "Funded" ? funded : fulfilled,
        );
        const fee = (amount * PROTOCOL_FEE_BPS) / BPS;
        await expect(escrow.connect(accounts.buyer).confirm(orderId))
          .to.emit(escrow, "OrderCompleted")
          .withArgs(orderId, amount - fee, fee, false);
        expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(amount - fee);
        expect(await escrow.protocolFeesOf(ZERO_ADDRESS)).to.equal(fee);
        expect(await escrow.completedOrders(accounts.seller.address)).to.deep.equal([1n, 0n]);
        expect(await escrow.completedOrders(accounts.buyer.address)).to.deep.equal([0n, 1n]);
        expect((await escrow.getOrder(orderId)).state).to.equal(State.Completed);
      });
    }

    it("stays possible after the deadlines (the outcome is the same as the timed exits')", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(fulfilled);
      await time.increase(TERMS.confirmationWindow * 2n);
      await expect(escrow.connect(accounts.buyer).confirm(orderId)).to.emit(escrow, "OrderCompleted");
    });

    it("is for the buyer only", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(fulfilled);
      for (const signer of [accounts.seller, accounts.arbiter, accounts.stranger]) {
        await expect(escrow.connect(signer).confirm(orderId))
          .to.be.revertedWithCustomError(escrow, "EscrowNotBuyer")
          .withArgs(orderId, signer.address);
      }
    });

    it("is impossible once disputed or ended", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(disputed);
      await expect(escrow.connect(accounts.buyer).confirm(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Disputed);
    });

    it("credits token orders in their token", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { escrow, token, accounts } = market;
      const listingId = await createTokenListing(market, { price: 1_000n });
      const orderId = await buy(market, listingId, 3n);
      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
      expect(await escrow.creditOf(accounts.seller.address, await token.getAddress())).to.equal(3_000n - 30n);
      expect(await escrow.protocolFeesOf(await token.getAddress())).to.equal(30n);
      expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(0n);
    });
  });

  describe("complete (after the confirmation deadline)", function () {
    it("opens at the confirmation deadline for anyone (T-1 too early, T and T+1 ok)", async function () {
      const { escrow, accounts, orderId, deadline, amount } = await networkHelpers.loadFixture(fulfilled);
      const fee = (amount * PROTOCOL_FEE_BPS) / BPS;
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.stranger).complete(orderId);
        if (offset < 0n) {
          await expect(tx)
            .to.be.revertedWithCustomError(escrow, "EscrowDeadlineNotReached")
            .withArgs(orderId, deadline);
        } else {
          await expect(tx)
            .to.emit(escrow, "OrderCompleted")
            .withArgs(orderId, amount - fee, fee, true);
          expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(amount - fee);
        }
      });
    });

    it("needs a Fulfilled order", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(funded);
      await time.increaseTo(deadline + TERMS.confirmationWindow);
      await expect(escrow.connect(accounts.stranger).complete(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Funded);
      await expect(escrow.connect(accounts.stranger).complete(orderIdOf(9n, 9n)))
        .to.be.revertedWithCustomError(escrow, "EscrowUnknownOrder")
        .withArgs(orderIdOf(9n, 9n));
    });
  });

  describe("openDispute", function () {
    it("is open until the second before the confirmation deadline and starts the ruling window", async function () {
      const market = await networkHelpers.loadFixture(fulfilled);
      const { escrow, accounts, orderId, deadline } = market;
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.buyer).openDispute(orderId, TERMS.evidenceDigest);
        if (offset < 0n) {
          await expect(tx)
            .to.emit(escrow, "DisputeOpened")
            .withArgs(orderId, accounts.arbiter.address, deadline - 1n + RESPONSE_WINDOW, deadline - 1n + RULING_WINDOW)
            .and.to.emit(escrow, "EvidenceSubmitted")
            .withArgs(orderId, accounts.buyer.address, TERMS.evidenceDigest);
          const order = await escrow.getOrder(orderId);
          expect(order.state).to.equal(State.Disputed);
          expect(order.deadline).to.equal(deadline - 1n + RULING_WINDOW);
          expect(order.responseDeadline).to.equal(deadline - 1n + RESPONSE_WINDOW);
          expect(order.respondentHeard).to.equal(false);
        } else {
          await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
        }
      });
    });

    it("a dispute at the deadline second and a completion at that second are never both valid", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(fulfilled);
      const succeedsAt = async (second: bigint, send: () => Promise<unknown>) => {
        const snapshot = await networkHelpers.takeSnapshot();
        await time.setNextBlockTimestamp(second);
        const ok = await send().then(
          () => true,
          () => false,
        );
        await snapshot.restore();
        return ok;
      };
      for (const second of [deadline - 1n, deadline, deadline + 1n]) {
        const disputeOk = await succeedsAt(second, async () =>
          (await escrow.connect(accounts.buyer).openDispute(orderId, TERMS.evidenceDigest)).wait(),
        );
        const completeOk = await succeedsAt(second, async () =>
          (await escrow.connect(accounts.stranger).complete(orderId)).wait(),
        );
        expect([disputeOk, completeOk], `at deadline ${second - deadline}`).to.deep.equal([
          second < deadline,
          second >= deadline,
        ]);
      }
    });

    it("needs evidence, the buyer and a Fulfilled order", async function () {
      const market = await networkHelpers.loadFixture(fulfilled);
      const { escrow, accounts, orderId } = market;
      await expect(
        escrow.connect(accounts.buyer).openDispute(orderId, "0x" + "00".repeat(32)),
      ).to.be.revertedWithCustomError(escrow, "EscrowEmptyEvidence");
      await expect(escrow.connect(accounts.seller).openDispute(orderId, TERMS.evidenceDigest))
        .to.be.revertedWithCustomError(escrow, "EscrowNotBuyer")
        .withArgs(orderId, accounts.seller.address);
      const fundedOrder = await buy(market, market.listingId);
      await expect(escrow.connect(accounts.buyer).openDispute(fundedOrder, TERMS.evidenceDigest))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(fundedOrder, State.Funded);
    });
  });

  describe("submitEvidence", function () {
    it("accepts evidence from both parties and the arbiter while disputed", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(disputed);
      for (const signer of [accounts.buyer, accounts.seller, accounts.arbiter]) {
        const evidence = digest(`evidence from ${signer.address}`);
        await expect(escrow.connect(signer).submitEvidence(orderId, evidence))
          .to.emit(escrow, "EvidenceSubmitted")
          .withArgs(orderId, signer.address, evidence);
      }
    });

    it("marks the respondent heard on the seller's first evidence only", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(disputed);
      for (const signer of [accounts.buyer, accounts.arbiter]) {
        await (await escrow.connect(signer).submitEvidence(orderId, digest(signer.address))).wait();
        expect((await escrow.getOrder(orderId)).respondentHeard).to.equal(false);
      }
      await (await escrow.connect(accounts.seller).submitEvidence(orderId, digest("the seller's side"))).wait();
      expect((await escrow.getOrder(orderId)).respondentHeard).to.equal(true);
      await (await escrow.connect(accounts.seller).submitEvidence(orderId, digest("more"))).wait();
      expect((await escrow.getOrder(orderId)).respondentHeard).to.equal(true);
    });

    it("rejects outsiders, empty evidence and undisputed orders", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(heard);
      await expect(escrow.connect(accounts.stranger).submitEvidence(orderId, TERMS.evidenceDigest))
        .to.be.revertedWithCustomError(escrow, "EscrowNotParticipant")
        .withArgs(orderId, accounts.stranger.address);
      await expect(
        escrow.connect(accounts.seller).submitEvidence(orderId, "0x" + "00".repeat(32)),
      ).to.be.revertedWithCustomError(escrow, "EscrowEmptyEvidence");
      await (await escrow.connect(accounts.arbiter).rule(orderId, 5_000n)).wait();
      await expect(escrow.connect(accounts.seller).submitEvidence(orderId, TERMS.evidenceDigest))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Ruled);
    });
  });

  describe("settlements", function () {
    for (const from of ["Fulfilled", "Disputed"] as const) {
      it(`settles a ${from} order when the other party accepts the exact split, with no arbiter fee`, async function () {
        const { escrow, accounts, orderId, amount } = await networkHelpers.loadFixture(
          from === "Fulfilled" ? fulfilled : disputed,
        );
        await expect(escrow.connect(accounts.seller).proposeSettlement(orderId, 3_000n))
          .to.emit(escrow, "SettlementProposed")
          .withArgs(orderId, accounts.seller.address, 3_000n);
        const order = await escrow.getOrder(orderId);
        expect(order.proposer).to.equal(accounts.seller.address);
        expect(order.proposedBuyerShareBps).to.equal(3_000n);

        const buyerShare = (amount * 3_000n) / BPS;
        const fee = ((amount - buyerShare) * PROTOCOL_FEE_BPS) / BPS;
        const sellerShare = amount - buyerShare - fee;
        await expect(escrow.connect(accounts.buyer).acceptSettlement(orderId, 3_000n))
          .to.emit(escrow, "OrderSettled")
          .withArgs(orderId, 3_000n, [buyerShare, sellerShare, 0n, fee], false);
        expect(await escrow.creditOf(accounts.buyer.address, ZERO_ADDRESS)).to.equal(buyerShare);
        expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(sellerShare);
        expect(await escrow.creditOf(accounts.arbiter.address, ZERO_ADDRESS)).to.equal(0n);
        const after = await escrow.getOrder(orderId);
        expect(after.state).to.equal(State.Settled);
        expect(after.proposer).to.equal(ZERO_ADDRESS);
      });
    }

    it("lets a counter-proposal replace the standing one", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(disputed);
      await (await escrow.connect(accounts.seller).proposeSettlement(orderId, 2_000n)).wait();
      await (await escrow.connect(accounts.buyer).proposeSettlement(orderId, 8_000n)).wait();
      await expect(escrow.connect(accounts.buyer).acceptSettlement(orderId, 8_000n))
        .to.be.revertedWithCustomError(escrow, "EscrowOwnProposal")
        .withArgs(orderId, accounts.buyer.address);
      await expect(escrow.connect(accounts.seller).acceptSettlement(orderId, 2_000n))
        .to.be.revertedWithCustomError(escrow, "EscrowProposalMismatch")
        .withArgs(orderId, 8_000n, 2_000n);
      await expect(escrow.connect(accounts.seller).acceptSettlement(orderId, 8_000n)).to.emit(escrow, "OrderSettled");
    });

    it("accepts the full range of shares, 0 and 10,000 included", async function () {
      const { escrow, accounts, orderId, amount } = await networkHelpers.loadFixture(disputed);
      for (const share of [0n, BPS]) {
        const snapshot = await networkHelpers.takeSnapshot();
        await (await escrow.connect(accounts.buyer).proposeSettlement(orderId, share)).wait();
        await (await escrow.connect(accounts.seller).acceptSettlement(orderId, share)).wait();
        const buyerGets = share === BPS ? amount : 0n;
        expect(await escrow.creditOf(accounts.buyer.address, ZERO_ADDRESS)).to.equal(buyerGets);
        await snapshot.restore();
      }
    });

    it("rejects shares above 100%, outsiders, missing proposals and wrong states", async function () {
      const market = await networkHelpers.loadFixture(disputed);
      const { escrow, accounts, orderId } = market;
      await expect(escrow.connect(accounts.buyer).proposeSettlement(orderId, BPS + 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidShare")
        .withArgs(BPS + 1n);
      for (const signer of [accounts.arbiter, accounts.stranger]) {
        await expect(escrow.connect(signer).proposeSettlement(orderId, 1n))
          .to.be.revertedWithCustomError(escrow, "EscrowNotParty")
          .withArgs(orderId, signer.address);
        await expect(escrow.connect(signer).acceptSettlement(orderId, 1n))
          .to.be.revertedWithCustomError(escrow, "EscrowNotParty")
          .withArgs(orderId, signer.address);
      }
      await expect(escrow.connect(accounts.buyer).acceptSettlement(orderId, 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowNoProposal")
        .withArgs(orderId);
      const fundedOrder = await buy(market, market.listingId);
      await expect(escrow.connect(accounts.buyer).proposeSettlement(fundedOrder, 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(fundedOrder, State.Funded);
      await expect(escrow.connect(accounts.buyer).proposeSettlement(orderIdOf(9n, 1n), 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowUnknownOrder")
        .withArgs(orderIdOf(9n, 1n));
    });

    it("closes with the confirmation deadline while Fulfilled (T-1 ok, T too late)", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(fulfilled);
      await (await escrow.connect(accounts.seller).proposeSettlement(orderId, 5_000n)).wait();
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.buyer).acceptSettlement(orderId, 5_000n);
        if (offset < 0n) await expect(tx).to.emit(escrow, "OrderSettled");
        else await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
      });
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.buyer).proposeSettlement(orderId, 6_000n);
        if (offset < 0n) await expect(tx).to.emit(escrow, "SettlementProposed");
        else await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
      });
    });

    it("closes with the ruling deadline while Disputed (T-1 ok, T too late)", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(disputed);
      await (await escrow.connect(accounts.buyer).proposeSettlement(orderId, 5_000n)).wait();
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.seller).acceptSettlement(orderId, 5_000n);
        if (offset < 0n) await expect(tx).to.emit(escrow, "OrderSettled");
        else await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
      });
    });
  });

  describe("rule", function () {
    it("waits for the respondent: refused during the 72-hour response window (T-1), allowed from it (T, T+1)", async function () {
      const { escrow, accounts, orderId, responseDeadline } = await networkHelpers.loadFixture(disputed);
      expect(responseDeadline).to.be.greaterThan(0n);
      await atBoundary(responseDeadline, async (offset) => {
        const tx = escrow.connect(accounts.arbiter).rule(orderId, 10_000n);
        if (offset < 0n) {
          await expect(tx)
            .to.be.revertedWithCustomError(escrow, "EscrowResponseWindowOpen")
            .withArgs(orderId, responseDeadline);
          expect((await escrow.getOrder(orderId)).state).to.equal(State.Disputed);
        } else {
          await expect(tx).to.emit(escrow, "OrderRuled");
        }
      });
    });

    it("may rule at once after the respondent's evidence; the buyer's or the arbiter's own does not count", async function () {
      const { escrow, accounts, orderId, responseDeadline } = await networkHelpers.loadFixture(disputed);
      await (await escrow.connect(accounts.buyer).submitEvidence(orderId, digest("more from the buyer"))).wait();
      await (await escrow.connect(accounts.arbiter).submitEvidence(orderId, digest("a question"))).wait();
      await expect(escrow.connect(accounts.arbiter).rule(orderId, 10_000n))
        .to.be.revertedWithCustomError(escrow, "EscrowResponseWindowOpen")
        .withArgs(orderId, responseDeadline);
      await (await escrow.connect(accounts.seller).submitEvidence(orderId, digest("the seller's side"))).wait();
      await expect(escrow.connect(accounts.arbiter).rule(orderId, 10_000n)).to.emit(escrow, "OrderRuled");
    });

    it("leaves settlements open during the response window", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(disputed);
      await (await escrow.connect(accounts.buyer).proposeSettlement(orderId, 7_000n)).wait();
      await expect(escrow.connect(accounts.seller).acceptSettlement(orderId, 7_000n)).to.emit(escrow, "OrderSettled");
    });

    it("splits by the ruling with the arbiter fee taken off the top", async function () {
      const { escrow, accounts, orderId, amount } = await networkHelpers.loadFixture(heard);
      const arbiterFee = (amount * TERMS.arbiterFeeBps) / BPS;
      const remaining = amount - arbiterFee;
      const buyerShare = (remaining * 6_000n) / BPS;
      const protocolFee = ((remaining - buyerShare) * PROTOCOL_FEE_BPS) / BPS;
      const sellerShare = remaining - buyerShare - protocolFee;
      await expect(escrow.connect(accounts.arbiter).rule(orderId, 6_000n))
        .to.emit(escrow, "OrderRuled")
        .withArgs(orderId, 6_000n, [buyerShare, sellerShare, arbiterFee, protocolFee]);
      expect(await escrow.creditOf(accounts.buyer.address, ZERO_ADDRESS)).to.equal(buyerShare);
      expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(sellerShare);
      expect(await escrow.creditOf(accounts.arbiter.address, ZERO_ADDRESS)).to.equal(arbiterFee);
      expect(await escrow.protocolFeesOf(ZERO_ADDRESS)).to.equal(protocolFee);
      expect(buyerShare + sellerShare + arbiterFee + protocolFee).to.equal(amount);
      expect((await escrow.getOrder(orderId)).state).to.equal(State.Ruled);
    });

    it("clears a standing proposal", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(heard);
      await (await escrow.connect(accounts.buyer).proposeSettlement(orderId, 9_000n)).wait();
      await (await escrow.connect(accounts.arbiter).rule(orderId, 0n)).wait();
      expect((await escrow.getOrder(orderId)).proposer).to.equal(ZERO_ADDRESS);
    });

    it("is open until the second before the ruling deadline (T-1 ok, T and T+1 too late)", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(heard);
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.arbiter).rule(orderId, 10_000n);
        if (offset < 0n) await expect(tx).to.emit(escrow, "OrderRuled");
        else await expect(tx).to.be.revertedWithCustomError(escrow, "EscrowDeadlinePassed").withArgs(orderId, deadline);
      });
    });

    it("is for the arbiter only, on disputed orders, with shares up to 100%", async function () {
      const market = await networkHelpers.loadFixture(heard);
      const { escrow, accounts, orderId } = market;
      for (const signer of [accounts.buyer, accounts.seller, accounts.stranger, accounts.deployer]) {
        await expect(escrow.connect(signer).rule(orderId, 5_000n))
          .to.be.revertedWithCustomError(escrow, "EscrowNotArbiter")
          .withArgs(orderId, signer.address);
      }
      await expect(escrow.connect(accounts.arbiter).rule(orderId, BPS + 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidShare")
        .withArgs(BPS + 1n);
      const fulfilledOrder = await buyAndFulfill(market, market.listingId);
      await expect(escrow.connect(accounts.arbiter).rule(fulfilledOrder, 5_000n))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(fulfilledOrder, State.Fulfilled);
    });
  });

  describe("resolveAfterTimeout", function () {
    it("settles 50/50 with no arbiter fee from the ruling deadline on (T-1 too early, T and T+1 ok)", async function () {
      const { escrow, accounts, orderId, deadline, amount } = await networkHelpers.loadFixture(disputed);
      const buyerShare = amount / 2n;
      const protocolFee = ((amount - buyerShare) * PROTOCOL_FEE_BPS) / BPS;
      await atBoundary(deadline, async (offset) => {
        const tx = escrow.connect(accounts.stranger).resolveAfterTimeout(orderId);
        if (offset < 0n) {
          await expect(tx)
            .to.be.revertedWithCustomError(escrow, "EscrowDeadlineNotReached")
            .withArgs(orderId, deadline);
        } else {
          await expect(tx)
            .to.emit(escrow, "OrderSettled")
            .withArgs(orderId, 5_000n, [buyerShare, amount - buyerShare - protocolFee, 0n, protocolFee], true);
          expect(await escrow.creditOf(accounts.arbiter.address, ZERO_ADDRESS)).to.equal(0n);
          expect((await escrow.getOrder(orderId)).state).to.equal(State.Settled);
        }
      });
    });

    it("needs a disputed order", async function () {
      const { escrow, accounts, orderId } = await networkHelpers.loadFixture(fulfilled);
      await time.increase(RULING_WINDOW * 2n);
      await expect(escrow.connect(accounts.stranger).resolveAfterTimeout(orderId))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidState")
        .withArgs(orderId, State.Fulfilled);
    });
  });

  describe("ended orders carry no stale proposal", function () {
    const endings = {
      "confirm (Fulfilled)": async (m: Awaited<ReturnType<typeof fulfilled>>) =>
        m.escrow.connect(m.accounts.buyer).confirm(m.orderId),
      "complete after the confirmation deadline": async (m: Awaited<ReturnType<typeof fulfilled>>) => {
        await time.increaseTo(m.deadline);
        return m.escrow.connect(m.accounts.stranger).complete(m.orderId);
      },
    };
    for (const [name, end] of Object.entries(endings)) {
      it(`${name} clears the standing proposal`, async function () {
        const market = await networkHelpers.loadFixture(fulfilled);
        await (await market.escrow.connect(market.accounts.seller).proposeSettlement(market.orderId, 4_000n)).wait();
        expect((await market.escrow.getOrder(market.orderId)).proposer).to.equal(market.accounts.seller.address);
        await (await end(market)).wait();
        const order = await market.escrow.getOrder(market.orderId);
        expect(order.state).to.equal(State.Completed);
        expect(order.proposer).to.equal(ZERO_ADDRESS);
        expect(order.proposedBuyerShareBps).to.equal(0n);
      });
    }

    it("the timeout of a dispute clears the standing proposal", async function () {
      const { escrow, accounts, orderId, deadline } = await networkHelpers.loadFixture(disputed);
      await (await escrow.connect(accounts.buyer).proposeSettlement(orderId, 9_000n)).wait();
      await time.increaseTo(deadline);
      await (await escrow.connect(accounts.stranger).resolveAfterTimeout(orderId)).wait();
      const order = await escrow.getOrder(orderId);
      expect([order.state, order.proposer, order.proposedBuyerShareBps]).to.deep.equal([State.Settled, ZERO_ADDRESS, 0n]);
    });

    it("a later dispute keeps the proposal made while Fulfilled, still acceptable", async function () {
      const market = await networkHelpers.loadFixture(fulfilled);
      const { escrow, accounts, orderId } = market;
      await (await escrow.connect(accounts.seller).proposeSettlement(orderId, 4_000n)).wait();
      await (await escrow.connect(accounts.buyer).openDispute(orderId, TERMS.evidenceDigest)).wait();
      expect((await escrow.getOrder(orderId)).proposer).to.equal(accounts.seller.address);
      await expect(escrow.connect(accounts.buyer).acceptSettlement(orderId, 4_000n)).to.emit(escrow, "OrderSettled");
      expect((await escrow.getOrder(orderId)).proposer).to.equal(ZERO_ADDRESS);
    });
  });

  describe("terms are fixed at purchase", function () {
    it("an open order keeps its fee and amount whatever happens to the listing and the fee settings", async function () {
      const { escrow, registry, accounts, orderId, listingId, amount } = await networkHelpers.loadFixture(fulfilled);
      await (await registry.connect(accounts.seller).updateListing(listingId, 1n, -3n, digest("changed"))).wait();
      await (await registry.connect(accounts.seller).closeListing(listingId)).wait();
      await (await escrow.connect(accounts.deployer).setProtocolFee(500n)).wait();
      await (await escrow.connect(accounts.deployer).setFeeRecipient(accounts.stranger.address)).wait();
      const fee = (amount * PROTOCOL_FEE_BPS) / BPS;
      await expect(escrow.connect(accounts.buyer).confirm(orderId))
        .to.emit(escrow, "OrderCompleted")
        .withArgs(orderId, amount - fee, fee, false);
    });

    it("getOrder rejects unknown orders; orderSummary returns zeros for them", async function () {
      const { escrow } = await networkHelpers.loadFixture(listed);
      await expect(escrow.getOrder(orderIdOf(1n, 1n)))
        .to.be.revertedWithCustomError(escrow, "EscrowUnknownOrder")
        .withArgs(orderIdOf(1n, 1n));
      expect(await escrow.orderSummary(orderIdOf(1n, 1n))).to.deep.equal([
        ZERO_ADDRESS,
        ZERO_ADDRESS,
        State.None,
        ZERO_ADDRESS,
        0n,
      ]);
    });

    it("orderSummary gives the parties, state, token and amount of ETH and token orders", async function () {
      const market = await networkHelpers.loadFixture(funded);
      const { escrow, accounts, orderId, amount } = market;
      expect(await escrow.orderSummary(orderId)).to.deep.equal([
        accounts.buyer.address,
        accounts.seller.address,
        State.Funded,
        ZERO_ADDRESS,
        amount,
      ]);
      const tokenOrder = await buy(market, await createTokenListing(market, { price: 5_000n }), 3n);
      expect(await escrow.orderSummary(tokenOrder)).to.deep.equal([
        accounts.buyer.address,
        accounts.seller.address,
        State.Funded,
        await market.token.getAddress(),
        15_000n,
      ]);
    });

    it("every ended state refuses every further transition", async function () {
      const market = await networkHelpers.loadFixture(heard);
      const { escrow, accounts, orderId } = market;
      await (await escrow.connect(accounts.arbiter).rule(orderId, 5_000n)).wait();
      const attempts = [
        escrow.connect(accounts.seller).fulfill(orderId, TERMS.noteDigest),
        escrow.connect(accounts.seller).decline(orderId),
        escrow.connect(accounts.buyer).cancel(orderId),
        escrow.connect(accounts.buyer).confirm(orderId),
        escrow.connect(accounts.stranger).complete(orderId),
        escrow.connect(accounts.buyer).openDispute(orderId, TERMS.evidenceDigest),
        escrow.connect(accounts.buyer).proposeSettlement(orderId, 1n),
        escrow.connect(accounts.arbiter).rule(orderId, 1n),
        escrow.connect(accounts.stranger).resolveAfterTimeout(orderId),
      ];
      for (const attempt of attempts) {
        await expect(attempt).to.be.revertedWithCustomError(escrow, "EscrowInvalidState").withArgs(orderId, State.Ruled);
      }
    });
  });
});
