import { expect } from "chai";
import { network } from "hardhat";

import {
  DAY,
  deployMarketplace,
  digest,
  PROTOCOL_FEE_BPS,
  TERMS,
  ZERO_ADDRESS,
  ZERO_DIGEST,
  type Marketplace,
} from "./helpers/fixtures.js";
import { blockTimeOf, buy, createListing, createTokenListing, orderIdOf, signPermit } from "./helpers/orders.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const FUNDED = 1n;

describe("Escrow: purchases", function () {
  async function withListings(): Promise<Marketplace & { ethListing: bigint; tokenListing: bigint }> {
    const market = await deployMarketplace(connection);
    const ethListing = await createListing(market, { stock: 10n });
    const tokenListing = await createTokenListing(market, { stock: 10n, price: 25n * 10n ** 18n });
    return { ...market, ethListing, tokenListing };
  }

  describe("buy with ETH", function () {
    it("escrows exactly price x quantity, records the order and emits OrderPlaced", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, registry, accounts, ethListing } = market;
      const amount = 3n * TERMS.price;
      const tx = escrow.connect(accounts.buyer).buy(ethListing, 3n, 1n, { value: amount });
      await expect(tx).to.changeEtherBalances(ethers, [accounts.buyer, escrow], [-amount, amount]);
      const placedAt = await blockTimeOf(market, await tx);
      const orderId = orderIdOf(ethListing, 1n);
      await expect(tx)
        .to.emit(escrow, "OrderPlaced")
        .withArgs(
          orderId,
          accounts.buyer.address,
          accounts.seller.address,
          ethListing,
          1n,
          3n,
          amount,
          PROTOCOL_FEE_BPS,
          placedAt + TERMS.fulfillmentWindow,
        );

      const order = await escrow.getOrder(orderId);
      expect(order.listingId).to.equal(ethListing);
      expect(order.buyer).to.equal(accounts.buyer.address);
      expect(order.seller).to.equal(accounts.seller.address);
      expect(order.token).to.equal(ZERO_ADDRESS);
      expect(order.amount).to.equal(amount);
      expect(order.quantity).to.equal(3n);
      expect(order.protocolFeeBps).to.equal(PROTOCOL_FEE_BPS);
      expect(order.arbiter).to.equal(accounts.arbiter.address);
      expect(order.arbiterFeeBps).to.equal(TERMS.arbiterFeeBps);
      expect(order.state).to.equal(FUNDED);
      expect(order.deadline).to.equal(placedAt + TERMS.fulfillmentWindow);
      expect(order.proposer).to.equal(ZERO_ADDRESS);
      expect(order.responseDeadline).to.equal(0n);
      expect(order.respondentHeard).to.equal(false);
      expect(await escrow.orderSummary(orderId)).to.deep.equal([
        accounts.buyer.address,
        accounts.seller.address,
        FUNDED,
        ZERO_ADDRESS,
        amount,
      ]);
      expect((await registry.getListing(ethListing)).stock).to.equal(7n);
    });

    it("rejects a wrong msg.value in either direction", async function () {
      const { escrow, accounts, ethListing } = await networkHelpers.loadFixture(withListings);
      for (const value of [TERMS.price - 1n, TERMS.price + 1n, 0n]) {
        await expect(escrow.connect(accounts.buyer).buy(ethListing, 1n, 1n, { value }))
          .to.be.revertedWithCustomError(escrow, "EscrowWrongPayment")
          .withArgs(TERMS.price, value);
      }
    });

    it("rejects zero units and more than the listing has", async function () {
      const { escrow, registry, accounts, ethListing } = await networkHelpers.loadFixture(withListings);
      await expect(escrow.connect(accounts.buyer).buy(ethListing, 0n, 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidQuantity")
        .withArgs(0n, 2n ** 24n - 1n);
      await expect(escrow.connect(accounts.buyer).buy(ethListing, 11n, 1n, { value: 11n * TERMS.price }))
        .to.be.revertedWithCustomError(registry, "ListingRegistryInsufficientStock")
        .withArgs(ethListing, 11n, 10n);
    });

    it("caps one order at MAX_ORDER_QUANTITY units", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, accounts } = market;
      const big = await createListing(market, { stock: 2n ** 32n - 1n, price: 1n });
      expect(await escrow.MAX_ORDER_QUANTITY()).to.equal(2n ** 24n - 1n);
      await expect(escrow.connect(accounts.buyer).buy(big, 2n ** 24n, 1n, { value: 2n ** 24n }))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidQuantity")
        .withArgs(2n ** 24n, 2n ** 24n - 1n);
      await expect(escrow.connect(accounts.buyer).buy(big, 2n ** 24n - 1n, 1n, { value: 2n ** 24n - 1n })).to.emit(
        escrow,
        "OrderPlaced",
      );
    });

    it("rejects an amount that does not fit in 96 bits", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, accounts } = market;
      const token = await market.token.getAddress();
      const pricey = await createListing(market, { token, price: 2n ** 96n - 1n, stock: 2n });
      await expect(escrow.connect(accounts.buyer).buy(pricey, 2n, 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowAmountTooLarge")
        .withArgs(2n * (2n ** 96n - 1n));
    });

    it("rejects a stale version after a price or metadata change, and records the version bought", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, registry, accounts, ethListing } = market;
      await (await registry.connect(accounts.seller).updateListing(ethListing, TERMS.price, 0n, digest("v2"))).wait();
      await expect(escrow.connect(accounts.buyer).buy(ethListing, 1n, 1n, { value: TERMS.price }))
        .to.be.revertedWithCustomError(registry, "ListingRegistryVersionMismatch")
        .withArgs(ethListing, 1n, 2n);
      // The order records the version it bought, whose ListingUpdated event carries the description's digest.
      const tx = escrow.connect(accounts.buyer).buy(ethListing, 1n, 2n, { value: TERMS.price });
      await expect(tx)
        .to.emit(escrow, "OrderPlaced")
        .withArgs(
          orderIdOf(ethListing, 1n),
          accounts.buyer.address,
          accounts.seller.address,
          ethListing,
          2n,
          1n,
          TERMS.price,
          PROTOCOL_FEE_BPS,
          (await blockTimeOf(market, await tx)) + TERMS.fulfillmentWindow,
        );
    });

    it("is not disturbed by a concurrent purchase or a stock change (the version stays)", async function () {
      const { escrow, registry, accounts, ethListing } = await networkHelpers.loadFixture(withListings);
      await (await escrow.connect(accounts.buyer2).buy(ethListing, 1n, 1n, { value: TERMS.price })).wait();
      await (await registry.connect(accounts.seller).updateListing(ethListing, TERMS.price, -5n, ZERO_DIGEST)).wait();
      await expect(escrow.connect(accounts.buyer).buy(ethListing, 4n, 1n, { value: 4n * TERMS.price })).to.emit(
        escrow,
        "OrderPlaced",
      );
    });

    it("rejects closed and unknown listings", async function () {
      const { escrow, registry, accounts, ethListing } = await networkHelpers.loadFixture(withListings);
      await (await registry.connect(accounts.seller).closeListing(ethListing)).wait();
      await expect(escrow.connect(accounts.buyer).buy(ethListing, 1n, 1n, { value: TERMS.price }))
        .to.be.revertedWithCustomError(registry, "ListingRegistryListingClosed")
        .withArgs(ethListing);
      await expect(escrow.connect(accounts.buyer).buy(99n, 1n, 1n))
        .to.be.revertedWithCustomError(registry, "ListingRegistryUnknownListing")
        .withArgs(99n);
    });

    it("refuses the seller and the arbiter as buyers", async function () {
      const { escrow, accounts, ethListing } = await networkHelpers.loadFixture(withListings);
      await expect(escrow.connect(accounts.seller).buy(ethListing, 1n, 1n, { value: TERMS.price }))
        .to.be.revertedWithCustomError(escrow, "EscrowSellerCannotBuy")
        .withArgs(ethListing, accounts.seller.address);
      await expect(escrow.connect(accounts.arbiter).buy(ethListing, 1n, 1n, { value: TERMS.price }))
        .to.be.revertedWithCustomError(escrow, "EscrowArbiterCannotBuy")
        .withArgs(ethListing, accounts.arbiter.address);
    });

    it("numbers each listing's orders from 1", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      expect(await buy(market, market.ethListing)).to.equal(orderIdOf(market.ethListing, 1n));
      expect(await buy(market, market.tokenListing)).to.equal(orderIdOf(market.tokenListing, 1n));
      expect(await buy(market, market.ethListing)).to.equal(orderIdOf(market.ethListing, 2n));
    });

    it("copies the protocol fee in force at purchase", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const first = await buy(market, market.ethListing);
      await (await market.escrow.connect(market.accounts.deployer).setProtocolFee(500n)).wait();
      const second = await buy(market, market.ethListing);
      expect((await market.escrow.getOrder(first)).protocolFeeBps).to.equal(PROTOCOL_FEE_BPS);
      expect((await market.escrow.getOrder(second)).protocolFeeBps).to.equal(500n);
    });
  });

  describe("buy with an ERC-20 allowance", function () {
    it("pulls exactly the amount and records a token order", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, token, accounts, tokenListing } = market;
      const amount = 2n * 25n * 10n ** 18n;
      await (await token.connect(accounts.buyer).approve(await escrow.getAddress(), amount)).wait();
      const tx = escrow.connect(accounts.buyer).buy(tokenListing, 2n, 1n);
      await expect(tx).to.changeTokenBalances(ethers, token, [accounts.buyer, escrow], [-amount, amount]);
      await expect(tx).to.emit(escrow, "OrderPlaced");
      const order = await escrow.getOrder(orderIdOf(tokenListing, 1n));
      expect(order.token).to.equal(await token.getAddress());
      expect(order.amount).to.equal(amount);
    });

    it("refuses ETH sent with a token purchase", async function () {
      const { escrow, accounts, tokenListing } = await networkHelpers.loadFixture(withListings);
      await expect(escrow.connect(accounts.buyer).buy(tokenListing, 1n, 1n, { value: 1n }))
        .to.be.revertedWithCustomError(escrow, "EscrowWrongPayment")
        .withArgs(0n, 1n);
    });

    it("fails without an allowance and changes nothing", async function () {
      const { escrow, registry, token, accounts, tokenListing } = await networkHelpers.loadFixture(withListings);
      await expect(escrow.connect(accounts.buyer).buy(tokenListing, 1n, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(await escrow.getAddress(), 0n, 25n * 10n ** 18n);
      expect((await registry.getListing(tokenListing)).stock).to.equal(10n);
      expect((await registry.getListing(tokenListing)).orderCount).to.equal(0n);
    });
  });

  describe("buyWithPermit", function () {
    const price = 25n * 10n ** 18n;

    it("buys with a single permit signature and no prior approval", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, token, accounts, tokenListing } = market;
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const { v, r, s } = await signPermit(market, accounts.buyer, await escrow.getAddress(), price, deadline);
      const tx = escrow.connect(accounts.buyer).buyWithPermit(tokenListing, 1n, 1n, deadline, v, r, s);
      await expect(tx).to.changeTokenBalances(ethers, token, [accounts.buyer, escrow], [-price, price]);
      await expect(tx).to.emit(escrow, "OrderPlaced");
      expect(await token.allowance(accounts.buyer.address, await escrow.getAddress())).to.equal(0n);
    });

    it("still succeeds when a front-runner already used the permit", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, token, accounts, tokenListing } = market;
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const spender = await escrow.getAddress();
      const { v, r, s } = await signPermit(market, accounts.buyer, spender, price, deadline);
      // The front-runner copies the signature from the mempool and submits the permit alone.
      await (await token.connect(accounts.stranger).permit(accounts.buyer.address, spender, price, deadline, v, r, s)).wait();
      await expect(escrow.connect(accounts.buyer).buyWithPermit(tokenListing, 1n, 1n, deadline, v, r, s)).to.emit(
        escrow,
        "OrderPlaced",
      );
    });

    it("fails cleanly with an invalid permit and no allowance", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, token, accounts, tokenListing } = market;
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      // Signed by the wrong account: the permit reverts, so the transfer has no allowance to use.
      const { v, r, s } = await signPermit(market, accounts.stranger, await escrow.getAddress(), price, deadline);
      await expect(escrow.connect(accounts.buyer).buyWithPermit(tokenListing, 1n, 1n, deadline, v, r, s))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(await escrow.getAddress(), 0n, price);
    });

    it("refuses ETH listings", async function () {
      const { escrow, accounts, ethListing } = await networkHelpers.loadFixture(withListings);
      await expect(escrow.connect(accounts.buyer).buyWithPermit(ethListing, 1n, 1n, 0n, 0, ZERO_DIGEST, ZERO_DIGEST))
        .to.be.revertedWithCustomError(escrow, "EscrowWrongPayment")
        .withArgs(TERMS.price, 0n);
    });
  });

  describe("pause", function () {
    it("stops new purchases of every kind and lets them resume", async function () {
      const market = await networkHelpers.loadFixture(withListings);
      const { escrow, accounts, ethListing, tokenListing } = market;
      const forever = 2n ** 40n - 1n;
      await expect(escrow.connect(accounts.deployer).pause())
        .to.emit(escrow, "Paused")
        .withArgs(accounts.deployer.address, forever);
      await expect(escrow.connect(accounts.buyer).buy(ethListing, 1n, 1n, { value: TERMS.price }))
        .to.be.revertedWithCustomError(escrow, "EscrowPaused")
        .withArgs(forever);
      await expect(escrow.connect(accounts.buyer).buyWithPermit(tokenListing, 1n, 1n, 0n, 0, ZERO_DIGEST, ZERO_DIGEST))
        .to.be.revertedWithCustomError(escrow, "EscrowPaused")
        .withArgs(forever);
      await expect(escrow.connect(accounts.deployer).unpause())
        .to.emit(escrow, "Unpaused")
        .withArgs(accounts.deployer.address);
      expect(await buy(market, ethListing)).to.equal(orderIdOf(ethListing, 1n));
    });
  });
});
