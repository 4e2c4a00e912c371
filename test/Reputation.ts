import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketplace, digest, TERMS, ZERO_ADDRESS, ZERO_DIGEST, type Marketplace } from "./helpers/fixtures.js";
import { buy, buyAndDispute, buyAndFulfill, createListing, orderIdOf } from "./helpers/orders.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const Role = { Seller: 0n, Buyer: 1n } as const;
const State = { Funded: 1n, Fulfilled: 2n, Disputed: 3n, Declined: 5n } as const;

describe("Reputation", function () {
  async function listed(): Promise<Marketplace & { listingId: bigint }> {
    const market = await deployMarketplace(connection);
    return { ...market, listingId: await createListing(market) };
  }
  async function completed() {
    const market = await listed();
    const orderId = await buy(market, market.listingId);
    await (await market.escrow.connect(market.accounts.buyer).confirm(orderId)).wait();
    return { ...market, orderId };
  }

  it("reads the escrow it was deployed with", async function () {
    const { reputation, escrow } = await networkHelpers.loadFixture(listed);
    expect(await reputation.escrow()).to.equal(await escrow.getAddress());
  });

  describe("rate", function () {
    it("lets buyer and seller of a completed order rate each other once, in their roles", async function () {
      const { reputation, accounts, orderId } = await networkHelpers.loadFixture(completed);
      const review = digest("great seller");
      // The event carries the value behind the rating (the order's token and amount), so that clients can weight it.
      await expect(reputation.connect(accounts.buyer).rate(orderId, 5n, review))
        .to.emit(reputation, "Rated")
        .withArgs(orderId, accounts.buyer.address, accounts.seller.address, Role.Seller, 5n, review, ZERO_ADDRESS, TERMS.price);
      await expect(reputation.connect(accounts.seller).rate(orderId, 4n, ZERO_DIGEST))
        .to.emit(reputation, "Rated")
        .withArgs(orderId, accounts.seller.address, accounts.buyer.address, Role.Buyer, 4n, ZERO_DIGEST, ZERO_ADDRESS, TERMS.price);

      const seller = await reputation.statsOf(accounts.seller.address);
      expect([seller.ratingsAsSeller, seller.scoreSumAsSeller, seller.completedAsSeller]).to.deep.equal([1n, 5n, 1n]);
      expect([seller.ratingsAsBuyer, seller.scoreSumAsBuyer, seller.completedAsBuyer]).to.deep.equal([0n, 0n, 0n]);
      const buyer = await reputation.statsOf(accounts.buyer.address);
      expect([buyer.ratingsAsBuyer, buyer.scoreSumAsBuyer, buyer.completedAsBuyer]).to.deep.equal([1n, 4n, 1n]);
      expect(await reputation.ratingStatus(orderId)).to.deep.equal([true, true, false, false]);

      for (const signer of [accounts.buyer, accounts.seller]) {
        await expect(reputation.connect(signer).rate(orderId, 1n, ZERO_DIGEST))
          .to.be.revertedWithCustomError(reputation, "ReputationAlreadyRated")
          .withArgs(orderId, signer.address);
      }
    });

    it("adds up several ratings", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { escrow, reputation, accounts, listingId } = market;
      for (const score of [5n, 3n, 4n]) {
        const orderId = await buy(market, listingId);
        await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
        await (await reputation.connect(accounts.buyer).rate(orderId, score, ZERO_DIGEST)).wait();
      }
      const stats = await reputation.statsOf(accounts.seller.address);
      expect([stats.ratingsAsSeller, stats.scoreSumAsSeller, stats.completedAsSeller]).to.deep.equal([3n, 12n, 3n]);
    });

    it("accepts scores 1 to 5 only", async function () {
      const { reputation, accounts, orderId } = await networkHelpers.loadFixture(completed);
      for (const score of [0n, 6n]) {
        await expect(reputation.connect(accounts.buyer).rate(orderId, score, ZERO_DIGEST))
          .to.be.revertedWithCustomError(reputation, "ReputationInvalidScore")
          .withArgs(score);
      }
      await expect(reputation.connect(accounts.buyer).rate(orderId, 1n, ZERO_DIGEST)).to.emit(reputation, "Rated");
    });

    it("is for the order's parties only (not the arbiter, not outsiders, not unknown orders)", async function () {
      const { reputation, accounts, orderId } = await networkHelpers.loadFixture(completed);
      for (const signer of [accounts.arbiter, accounts.stranger]) {
        await expect(reputation.connect(signer).rate(orderId, 5n, ZERO_DIGEST))
          .to.be.revertedWithCustomError(reputation, "ReputationNotParty")
          .withArgs(orderId, signer.address);
      }
      await expect(reputation.connect(accounts.buyer).rate(orderIdOf(7n, 7n), 5n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(reputation, "ReputationNotParty")
        .withArgs(orderIdOf(7n, 7n), accounts.buyer.address);
    });

    it("allows ratings after a settlement and after a ruling", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { escrow, reputation, accounts, listingId } = market;
      const settled = await buyAndDispute(market, listingId);
      await (await escrow.connect(accounts.seller).proposeSettlement(settled, 5_000n)).wait();
      await (await escrow.connect(accounts.buyer).acceptSettlement(settled, 5_000n)).wait();
      const ruled = await buyAndDispute(market, listingId);
      await (await escrow.connect(accounts.seller).submitEvidence(ruled, digest("the seller's side"))).wait();
      await (await escrow.connect(accounts.arbiter).rule(ruled, 0n)).wait();
      for (const orderId of [settled, ruled]) {
        await expect(reputation.connect(accounts.buyer).rate(orderId, 2n, ZERO_DIGEST)).to.emit(reputation, "Rated");
        await expect(reputation.connect(accounts.seller).rate(orderId, 2n, ZERO_DIGEST)).to.emit(reputation, "Rated");
      }
      // Settled and ruled orders are rated but are not "completed" orders.
      expect((await reputation.statsOf(accounts.seller.address)).completedAsSeller).to.equal(0n);
    });

    it("lets only the buyer rate after a cancellation for a missed fulfilment deadline", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { escrow, reputation, accounts, listingId } = market;
      const orderId = await buy(market, listingId);
      await time.increase(TERMS.fulfillmentWindow);
      await (await escrow.connect(accounts.buyer).cancel(orderId)).wait();
      await expect(reputation.connect(accounts.seller).rate(orderId, 1n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(reputation, "ReputationNotRateable")
        .withArgs(orderId, 6n, accounts.seller.address);
      await expect(reputation.connect(accounts.buyer).rate(orderId, 1n, ZERO_DIGEST))
        .to.emit(reputation, "Rated")
        .withArgs(orderId, accounts.buyer.address, accounts.seller.address, Role.Seller, 1n, ZERO_DIGEST, ZERO_ADDRESS, TERMS.price);
    });

    it("carries the token and amount of token orders: a 1-unit self-trade is told apart from a real sale", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { escrow, reputation, accounts } = market;
      const token = await market.token.getAddress();
      const tiny = await buy(market, await createListing(market, { token, price: 1n }));
      const real = await buy(market, await createListing(market, { token, price: 250n * 10n ** 18n }), 2n);
      for (const orderId of [tiny, real]) await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
      await expect(reputation.connect(accounts.buyer).rate(tiny, 5n, ZERO_DIGEST))
        .to.emit(reputation, "Rated")
        .withArgs(tiny, accounts.buyer.address, accounts.seller.address, Role.Seller, 5n, ZERO_DIGEST, token, 1n);
      await expect(reputation.connect(accounts.buyer).rate(real, 5n, ZERO_DIGEST))
        .to.emit(reputation, "Rated")
        .withArgs(real, accounts.buyer.address, accounts.seller.address, Role.Seller, 5n, ZERO_DIGEST, token, 500n * 10n ** 18n);
    });

    it("refuses open, disputed and declined orders", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { escrow, reputation, accounts, listingId } = market;
      const fundedOrder = await buy(market, listingId);
      const fulfilledOrder = await buyAndFulfill(market, listingId);
      const disputedOrder = await buyAndDispute(market, listingId);
      const declinedOrder = await buy(market, listingId);
      await (await escrow.connect(accounts.seller).decline(declinedOrder)).wait();
      const cases: Array<[bigint, bigint]> = [
        [fundedOrder, State.Funded],
        [fulfilledOrder, State.Fulfilled],
        [disputedOrder, State.Disputed],
        [declinedOrder, State.Declined],
      ];
      for (const [orderId, state] of cases) {
        for (const signer of [accounts.buyer, accounts.seller]) {
          await expect(reputation.connect(signer).rate(orderId, 5n, ZERO_DIGEST))
            .to.be.revertedWithCustomError(reputation, "ReputationNotRateable")
            .withArgs(orderId, state, signer.address);
        }
      }
    });
  });

  describe("reply", function () {
    it("lets the rated party reply once to the review it received", async function () {
      const { reputation, accounts, orderId } = await networkHelpers.loadFixture(completed);
      await (await reputation.connect(accounts.buyer).rate(orderId, 2n, digest("slow"))).wait();
      const answer = digest("sorry, the courier lost it");
      await expect(reputation.connect(accounts.seller).reply(orderId, answer))
        .to.emit(reputation, "Replied")
        .withArgs(orderId, accounts.seller.address, answer);
      expect(await reputation.ratingStatus(orderId)).to.deep.equal([true, false, false, true]);
      await expect(reputation.connect(accounts.seller).reply(orderId, answer))
        .to.be.revertedWithCustomError(reputation, "ReputationAlreadyReplied")
        .withArgs(orderId, accounts.seller.address);
    });

    it("lets the buyer reply to the seller's review", async function () {
      const { reputation, accounts, orderId } = await networkHelpers.loadFixture(completed);
      await (await reputation.connect(accounts.seller).rate(orderId, 5n, digest("prompt payer"))).wait();
      await expect(reputation.connect(accounts.buyer).reply(orderId, digest("thanks"))).to.emit(reputation, "Replied");
      expect(await reputation.ratingStatus(orderId)).to.deep.equal([false, true, true, false]);
    });

    it("needs a review to reply to, a party and a digest", async function () {
      const { reputation, accounts, orderId } = await networkHelpers.loadFixture(completed);
      await expect(reputation.connect(accounts.seller).reply(orderId, digest("x")))
        .to.be.revertedWithCustomError(reputation, "ReputationNothingToReplyTo")
        .withArgs(orderId, accounts.seller.address);
      await (await reputation.connect(accounts.buyer).rate(orderId, 5n, ZERO_DIGEST)).wait();
      await expect(reputation.connect(accounts.buyer).reply(orderId, digest("x")))
        .to.be.revertedWithCustomError(reputation, "ReputationNothingToReplyTo")
        .withArgs(orderId, accounts.buyer.address);
      await expect(reputation.connect(accounts.stranger).reply(orderId, digest("x")))
        .to.be.revertedWithCustomError(reputation, "ReputationNotParty")
        .withArgs(orderId, accounts.stranger.address);
      await expect(reputation.connect(accounts.seller).reply(orderId, ZERO_DIGEST)).to.be.revertedWithCustomError(
        reputation,
        "ReputationEmptyReply",
      );
    });
  });
});
