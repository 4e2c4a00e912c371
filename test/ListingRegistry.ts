import { expect } from "chai";
import { network } from "hardhat";

import {
  DAY,
  deployMarketplace,
  digest,
  HOUR,
  listingTerms,
  TERMS,
  ZERO_ADDRESS,
  ZERO_DIGEST,
} from "./helpers/fixtures.js";
import { buy, createListing, orderIdOf } from "./helpers/orders.js";

const connection = await network.create();
const { networkHelpers } = connection;

describe("ListingRegistry", function () {
  const deploy = () => deployMarketplace(connection);

  describe("deployment", function () {
    it("is linked to the escrow that created it and has no owner of its own", async function () {
      const { registry, escrow } = await networkHelpers.loadFixture(deploy);
      expect(await registry.escrow()).to.equal(await escrow.getAddress());
      expect(await escrow.registry()).to.equal(await registry.getAddress());
      expect(await registry.listingCount()).to.equal(0n);
      expect(await registry.paused()).to.equal(false);
      // No governance entry points: the escrow's owner governs both contracts through the escrow.
      const functions: string[] = [];
      registry.interface.forEachFunction((fn) => functions.push(fn.name));
      expect(functions).to.include("setPausedUntil");
      for (const name of ["owner", "pause", "unpause", "transferOwnership", "renounceOwnership"]) {
        expect(functions).to.not.include(name);
      }
    });

    it("publishes its bounds", async function () {
      const { registry } = await networkHelpers.loadFixture(deploy);
      expect(await registry.MIN_WINDOW()).to.equal(HOUR);
      expect(await registry.MAX_WINDOW()).to.equal(90n * DAY);
      expect(await registry.MAX_ARBITER_FEE_BPS()).to.equal(1_000n);
    });
  });

  describe("createListing", function () {
    it("stores the terms, starts at version 1 and emits everything an indexer needs", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { registry, token, accounts } = market;
      const terms = listingTerms({ token: await token.getAddress(), price: 12_345n, stock: 7n });
      await expect(registry.connect(accounts.seller).createListing(terms))
        .to.emit(registry, "ListingCreated")
        .withArgs(
          1n,
          accounts.seller.address,
          terms.token,
          12_345n,
          7n,
          accounts.arbiter.address,
          TERMS.arbiterFeeBps,
          TERMS.fulfillmentWindow,
          TERMS.confirmationWindow,
          TERMS.metadataDigest,
          1n,
        );
      const listing = await registry.getListing(1n);
      expect(listing.seller).to.equal(accounts.seller.address);
      expect(listing.token).to.equal(terms.token);
      expect(listing.price).to.equal(12_345n);
      expect(listing.stock).to.equal(7n);
      expect(listing.version).to.equal(1n);
      expect(listing.orderCount).to.equal(0n);
      expect(listing.closed).to.equal(false);
      expect(listing.arbiter).to.equal(accounts.arbiter.address);
      expect(listing.arbiterFeeBps).to.equal(TERMS.arbiterFeeBps);
      expect(listing.fulfillmentWindow).to.equal(TERMS.fulfillmentWindow);
      expect(listing.confirmationWindow).to.equal(TERMS.confirmationWindow);
      expect(await registry.orderTerms(1n)).to.deep.equal([
        terms.token,
        accounts.arbiter.address,
        TERMS.arbiterFeeBps,
        TERMS.confirmationWindow,
      ]);
    });

    it("numbers listings from 1", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      expect(await createListing(market)).to.equal(1n);
      expect(await createListing(market)).to.equal(2n);
      expect(await market.registry.listingCount()).to.equal(2n);
    });

    it("accepts the extreme valid values", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const id = await createListing(market, {
        price: 2n ** 96n - 1n,
        stock: 2n ** 32n - 1n,
        arbiterFeeBps: 1_000n,
        fulfillmentWindow: HOUR,
        confirmationWindow: 90n * DAY,
      });
      const listing = await market.registry.getListing(id);
      expect(listing.price).to.equal(2n ** 96n - 1n);
      expect(listing.stock).to.equal(2n ** 32n - 1n);
      expect(listing.fulfillmentWindow).to.equal(HOUR);
      expect(listing.confirmationWindow).to.equal(90n * DAY);
    });

    const invalid: Array<[string, Parameters<typeof listingTerms>[0], string, (ctx: { seller: string }) => unknown[]]> =
      [
        ["a zero price", { price: 0n }, "ListingRegistryInvalidPrice", () => [0n]],
        ["a price above 96 bits", { price: 2n ** 96n }, "ListingRegistryInvalidPrice", () => [2n ** 96n]],
        ["zero stock", { stock: 0n }, "ListingRegistryInvalidStock", () => [0n]],
        ["stock above 32 bits", { stock: 2n ** 32n }, "ListingRegistryInvalidStock", () => [2n ** 32n]],
        ["no arbiter", { arbiter: ZERO_ADDRESS }, "ListingRegistryInvalidArbiter", () => [ZERO_ADDRESS]],
        ["an arbiter fee above the cap", { arbiterFeeBps: 1_001n }, "ListingRegistryArbiterFeeTooHigh", () => [1_001n, 1_000n]],
        [
          "a fulfilment window under an hour",
          { fulfillmentWindow: HOUR - 1n },
          "ListingRegistryInvalidWindow",
          () => [HOUR - 1n, HOUR, 90n * DAY],
        ],
        [
          "a fulfilment window over 90 days",
          { fulfillmentWindow: 90n * DAY + 1n },
          "ListingRegistryInvalidWindow",
          () => [90n * DAY + 1n, HOUR, 90n * DAY],
        ],
        [
          "a confirmation window under an hour",
          { confirmationWindow: HOUR - 1n },
          "ListingRegistryInvalidWindow",
          () => [HOUR - 1n, HOUR, 90n * DAY],
        ],
        [
          "a confirmation window over 90 days",
          { confirmationWindow: 90n * DAY + 1n },
          "ListingRegistryInvalidWindow",
          () => [90n * DAY + 1n, HOUR, 90n * DAY],
        ],
        ["an empty metadata digest", { metadataDigest: "0x" + "00".repeat(32) }, "ListingRegistryEmptyMetadata", () => []],
      ];
    for (const [what, overrides, error, args] of invalid) {
      it(`rejects ${what}`, async function () {
        const { registry, accounts } = await networkHelpers.loadFixture(deploy);
        await expect(registry.connect(accounts.seller).createListing(listingTerms(overrides)))
          .to.be.revertedWithCustomError(registry, error)
          .withArgs(...args({ seller: accounts.seller.address }));
        expect(await registry.listingCount()).to.equal(0n);
      });
    }

    it("rejects the seller as its own arbiter", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(deploy);
      await expect(registry.connect(accounts.seller).createListing(listingTerms({ arbiter: accounts.seller.address })))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidArbiter")
        .withArgs(accounts.seller.address);
    });

    it("is stopped by the escrow's pause and resumes after it", async function () {
      const { registry, escrow, accounts } = await networkHelpers.loadFixture(deploy);
      await (await escrow.connect(accounts.deployer).pause()).wait();
      expect(await registry.paused()).to.equal(true);
      await expect(registry.connect(accounts.seller).createListing(listingTerms()))
        .to.be.revertedWithCustomError(registry, "ListingRegistryPaused")
        .withArgs(2n ** 40n - 1n);
      await (await escrow.connect(accounts.deployer).unpause()).wait();
      expect(await registry.paused()).to.equal(false);
      await expect(registry.connect(accounts.seller).createListing(listingTerms())).to.emit(registry, "ListingCreated");
    });

    it("lets only the escrow set the pause", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(deploy);
      for (const signer of [accounts.deployer, accounts.seller]) {
        await expect(registry.connect(signer).setPausedUntil(2n ** 40n - 1n))
          .to.be.revertedWithCustomError(registry, "ListingRegistryNotEscrow")
          .withArgs(signer.address);
      }
    });

    it("refuses a payment token without code: payments in it could never move", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(deploy);
      const noCode = accounts.stranger.address;
      await expect(registry.connect(accounts.seller).createListing(listingTerms({ token: noCode })))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidToken")
        .withArgs(noCode);
      expect(await registry.listingCount()).to.equal(0n);
    });
  });

  describe("updateListing", function () {
    async function listed() {
      const market = await deployMarketplace(connection);
      await createListing(market);
      return market;
    }

    it("bumps the version on a price change", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      await expect(registry.connect(accounts.seller).updateListing(1n, 2n * TERMS.price, 0n, ZERO_DIGEST))
        .to.emit(registry, "ListingUpdated")
        .withArgs(1n, 2n, 2n * TERMS.price, TERMS.stock, 0n, ZERO_DIGEST);
      const listing = await registry.getListing(1n);
      expect(listing.price).to.equal(2n * TERMS.price);
      expect(listing.version).to.equal(2n);
    });

    it("bumps the version on new metadata even at the same price", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      const newDigest = digest("new description");
      await expect(registry.connect(accounts.seller).updateListing(1n, TERMS.price, 0n, newDigest))
        .to.emit(registry, "ListingUpdated")
        .withArgs(1n, 2n, TERMS.price, TERMS.stock, 0n, newDigest);
      expect((await registry.getListing(1n)).version).to.equal(2n);
    });

    it("keeps the version on a stock-only change, down to zero and back up", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      await expect(registry.connect(accounts.seller).updateListing(1n, TERMS.price, -TERMS.stock, ZERO_DIGEST))
        .to.emit(registry, "ListingUpdated")
        .withArgs(1n, 1n, TERMS.price, 0n, -TERMS.stock, ZERO_DIGEST);
      let listing = await registry.getListing(1n);
      expect(listing.stock).to.equal(0n);
      expect(listing.version).to.equal(1n);
      await expect(registry.connect(accounts.seller).updateListing(1n, TERMS.price, 7n, ZERO_DIGEST))
        .to.emit(registry, "ListingUpdated")
        .withArgs(1n, 1n, TERMS.price, 7n, 7n, ZERO_DIGEST);
      listing = await registry.getListing(1n);
      expect(listing.stock).to.equal(7n);
      expect(listing.version).to.equal(1n);
    });

    it("changes price, stock and metadata together with one version step", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      const newDigest = digest("v2");
      await expect(registry.connect(accounts.seller).updateListing(1n, 5n, -91n, newDigest))
        .to.emit(registry, "ListingUpdated")
        .withArgs(1n, 2n, 5n, 9n, -91n, newDigest);
    });

    it("rejects an update that changes nothing", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      await expect(registry.connect(accounts.seller).updateListing(1n, TERMS.price, 0n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryNothingToUpdate")
        .withArgs(1n);
    });

    it("rejects invalid prices, and stock changes below zero or above 2^32 - 1", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      const seller = registry.connect(accounts.seller);
      await expect(seller.updateListing(1n, 0n, 1n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidPrice")
        .withArgs(0n);
      await expect(seller.updateListing(1n, 2n ** 96n, 1n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidPrice")
        .withArgs(2n ** 96n);
      await expect(seller.updateListing(1n, 1n, 2n ** 32n - TERMS.stock, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidStock")
        .withArgs(2n ** 32n);
      await expect(seller.updateListing(1n, 1n, 2n ** 32n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidStock")
        .withArgs(2n ** 32n);
      await expect(seller.updateListing(1n, 1n, 2n ** 255n - 1n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInvalidStock")
        .withArgs(2n ** 255n - 1n);
      await expect(seller.updateListing(1n, 1n, -(TERMS.stock + 1n), ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryStockUnderflow")
        .withArgs(1n, -(TERMS.stock + 1n), TERMS.stock);
      await expect(seller.updateListing(1n, 1n, -(2n ** 255n), ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryStockUnderflow")
        .withArgs(1n, -(2n ** 255n), TERMS.stock);
      expect((await registry.getListing(1n)).stock).to.equal(TERMS.stock);
    });

    it("cannot resurrect units sold while the seller's edit was pending", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { registry, accounts } = market;
      const { mine } = networkHelpers;
      // The seller saw 100 units and restocks 5 more; a buyer's purchase of 3, paying a higher tip, is mined first
      // in the same block.
      const fees = (tip: bigint) => ({ maxPriorityFeePerGas: tip, maxFeePerGas: 100n * 10n ** 9n });
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        const edit = await registry
          .connect(accounts.seller)
          .updateListing(1n, TERMS.price, 5n, ZERO_DIGEST, fees(10n ** 9n));
        const purchase = await market.escrow
          .connect(accounts.buyer)
          .buy(1n, 3n, 1n, { value: 3n * TERMS.price, ...fees(5n * 10n ** 9n) });
        await mine();
        const [editReceipt, purchaseReceipt] = await Promise.all([edit.wait(), purchase.wait()]);
        expect(purchaseReceipt?.blockNumber).to.equal(editReceipt?.blockNumber);
        expect(purchaseReceipt?.index).to.be.lessThan(editReceipt?.index ?? 0);
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
      // The 3 units stay sold: 100 - 3 + 5 (an absolute "set to 105" would have put them back on sale).
      expect((await registry.getListing(1n)).stock).to.equal(TERMS.stock - 3n + 5n);
    });

    it("refuses a withdrawal from sale that purchases made too large, and changes nothing", async function () {
      const market = await networkHelpers.loadFixture(listed);
      const { registry, accounts } = market;
      // The seller saw 100 units and withdraws them all; a purchase of 3 lands first.
      await buy(market, 1n, 3n);
      await expect(registry.connect(accounts.seller).updateListing(1n, TERMS.price, -TERMS.stock, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryStockUnderflow")
        .withArgs(1n, -TERMS.stock, TERMS.stock - 3n);
      expect((await registry.getListing(1n)).stock).to.equal(TERMS.stock - 3n);
    });

    it("lets nobody but the seller change a listing", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      for (const signer of [accounts.buyer, accounts.arbiter, accounts.deployer]) {
        const as = registry.connect(signer);
        await expect(as.updateListing(1n, 1n, 1n, ZERO_DIGEST))
          .to.be.revertedWithCustomError(registry, "ListingRegistryNotSeller")
          .withArgs(1n, signer.address);
        await expect(as.closeListing(1n))
          .to.be.revertedWithCustomError(registry, "ListingRegistryNotSeller")
          .withArgs(1n, signer.address);
        await expect(as.reopenListing(1n))
          .to.be.revertedWithCustomError(registry, "ListingRegistryNotSeller")
          .withArgs(1n, signer.address);
      }
    });

    it("rejects unknown listings", async function () {
      const { registry, accounts } = await networkHelpers.loadFixture(listed);
      const seller = registry.connect(accounts.seller);
      await expect(seller.updateListing(2n, 1n, 1n, ZERO_DIGEST))
        .to.be.revertedWithCustomError(registry, "ListingRegistryUnknownListing")
        .withArgs(2n);
      await expect(seller.closeListing(0n))
        .to.be.revertedWithCustomError(registry, "ListingRegistryUnknownListing")
        .withArgs(0n);
      await expect(registry.getListing(2n))
        .to.be.revertedWithCustomError(registry, "ListingRegistryUnknownListing")
        .withArgs(2n);
    });

    it("works while paused: pausing only stops new listings", async function () {
      const { registry, escrow, accounts } = await networkHelpers.loadFixture(listed);
      await (await escrow.connect(accounts.deployer).pause()).wait();
      const seller = registry.connect(accounts.seller);
      await expect(seller.updateListing(1n, 3n, 3n, ZERO_DIGEST)).to.emit(registry, "ListingUpdated");
      await expect(seller.closeListing(1n)).to.emit(registry, "ListingClosed");
      await expect(seller.reopenListing(1n)).to.emit(registry, "ListingReopened");
    });
  });

  describe("closeListing and reopenListing", function () {
    it("close, refuse a second close, reopen, refuse a second reopen", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { registry, accounts } = market;
      await createListing(market);
      const seller = registry.connect(accounts.seller);
      await expect(seller.closeListing(1n)).to.emit(registry, "ListingClosed").withArgs(1n);
      expect((await registry.getListing(1n)).closed).to.equal(true);
      await expect(seller.closeListing(1n))
        .to.be.revertedWithCustomError(registry, "ListingRegistryListingClosed")
        .withArgs(1n);
      await expect(seller.reopenListing(1n)).to.emit(registry, "ListingReopened").withArgs(1n);
      expect((await registry.getListing(1n)).closed).to.equal(false);
      await expect(seller.reopenListing(1n))
        .to.be.revertedWithCustomError(registry, "ListingRegistryListingOpen")
        .withArgs(1n);
    });

    it("leaves the version alone", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      await createListing(market);
      await (await market.registry.connect(market.accounts.seller).closeListing(1n)).wait();
      await (await market.registry.connect(market.accounts.seller).reopenListing(1n)).wait();
      expect((await market.registry.getListing(1n)).version).to.equal(1n);
    });
  });

  describe("stock keeping", function () {
    it("lets only the escrow take or return stock", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { registry, accounts } = market;
      await createListing(market);
      for (const signer of [accounts.seller, accounts.deployer, accounts.stranger]) {
        await expect(registry.connect(signer).takeStock(1n, 1n, 1n))
          .to.be.revertedWithCustomError(registry, "ListingRegistryNotEscrow")
          .withArgs(signer.address);
        await expect(registry.connect(signer).returnStock(1n, 1n))
          .to.be.revertedWithCustomError(registry, "ListingRegistryNotEscrow")
          .withArgs(signer.address);
      }
    });

    it("takes stock for purchases without touching the version, and counts orders", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      await createListing(market, { stock: 5n });
      await buy(market, 1n, 2n);
      await buy(market, 1n, 3n);
      const listing = await market.registry.getListing(1n);
      expect(listing.stock).to.equal(0n);
      expect(listing.version).to.equal(1n);
      expect(listing.orderCount).to.equal(2n);
      expect((await market.escrow.getOrder(orderIdOf(1n, 2n))).quantity).to.equal(3n);
    });

    it("saturates returned stock at 2^32 - 1 so that refunds can never be blocked", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { registry, escrow, accounts } = market;
      await createListing(market, { stock: 10n });
      const orderId = await buy(market, 1n, 10n);
      await (
        await registry.connect(accounts.seller).updateListing(1n, TERMS.price, 2n ** 32n - 5n, ZERO_DIGEST)
      ).wait();
      await expect(escrow.connect(accounts.seller).decline(orderId))
        .to.emit(registry, "StockReturned")
        .withArgs(1n, 10n, 2n ** 32n - 1n);
      expect((await registry.getListing(1n)).stock).to.equal(2n ** 32n - 1n);
    });
  });
});
