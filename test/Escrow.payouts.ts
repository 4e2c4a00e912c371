import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketplace, PROTOCOL_FEE_BPS, TERMS, ZERO_ADDRESS, type Marketplace } from "./helpers/fixtures.js";
import { buy, buyAndDispute, buyAndFulfill, createListing, createTokenListing } from "./helpers/orders.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const BPS = 10_000n;

describe("Escrow: withdrawals and governance", function () {
  /** One completed ETH order and one completed token order: the seller has credit in both. */
  async function paid(): Promise<Marketplace & { ethCredit: bigint; tokenCredit: bigint; tokenAddress: string }> {
    const market = await deployMarketplace(connection);
    const { escrow, accounts } = market;
    const ethListing = await createListing(market);
    const tokenListing = await createTokenListing(market, { price: 1_000n });
    for (const listingId of [ethListing, tokenListing]) {
      const orderId = await buy(market, listingId);
      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
    }
    const fee = (TERMS.price * PROTOCOL_FEE_BPS) / BPS;
    return {
      ...market,
      ethCredit: TERMS.price - fee,
      tokenCredit: 1_000n - 10n,
      tokenAddress: await market.token.getAddress(),
    };
  }

  describe("withdraw", function () {
    it("sends the whole ETH credit to the caller once", async function () {
      const { escrow, accounts, ethCredit } = await networkHelpers.loadFixture(paid);
      const tx = escrow.connect(accounts.seller).withdraw(ZERO_ADDRESS);
      await expect(tx).to.changeEtherBalances(ethers, [escrow, accounts.seller], [-ethCredit, ethCredit]);
      await expect(tx)
        .to.emit(escrow, "Withdrawn")
        .withArgs(accounts.seller.address, ZERO_ADDRESS, accounts.seller.address, ethCredit);
      expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(0n);
      await expect(escrow.connect(accounts.seller).withdraw(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(escrow, "EscrowNothingToWithdraw")
        .withArgs(accounts.seller.address, ZERO_ADDRESS);
    });

    it("sends token credit in its token and leaves other tokens alone", async function () {
      const { escrow, token, accounts, tokenCredit, tokenAddress, ethCredit } = await networkHelpers.loadFixture(paid);
      await expect(escrow.connect(accounts.seller).withdraw(tokenAddress)).to.changeTokenBalances(
        ethers,
        token,
        [escrow, accounts.seller],
        [-tokenCredit, tokenCredit],
      );
      expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(ethCredit);
    });

    it("withdrawTo sends to another address and refuses the zero address", async function () {
      const { escrow, accounts, ethCredit } = await networkHelpers.loadFixture(paid);
      await expect(escrow.connect(accounts.seller).withdrawTo(ZERO_ADDRESS, ZERO_ADDRESS))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidRecipient")
        .withArgs(ZERO_ADDRESS);
      const tx = escrow.connect(accounts.seller).withdrawTo(ZERO_ADDRESS, accounts.stranger.address);
      await expect(tx).to.changeEtherBalances(ethers, [escrow, accounts.stranger], [-ethCredit, ethCredit]);
      await expect(tx)
        .to.emit(escrow, "Withdrawn")
        .withArgs(accounts.seller.address, ZERO_ADDRESS, accounts.stranger.address, ethCredit);
    });

    it("accumulates credit across orders", async function () {
      const market = await networkHelpers.loadFixture(paid);
      const { escrow, accounts, ethCredit } = market;
      const orderId = await buy(market, 1n);
      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
      expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(2n * ethCredit);
    });
  });

  describe("protocol fees", function () {
    it("accrue per token and go to the fee recipient whoever claims them", async function () {
      const { escrow, token, accounts, tokenAddress } = await networkHelpers.loadFixture(paid);
      const ethFee = (TERMS.price * PROTOCOL_FEE_BPS) / BPS;
      expect(await escrow.protocolFeesOf(ZERO_ADDRESS)).to.equal(ethFee);
      const tx = escrow.connect(accounts.stranger).claimProtocolFees(ZERO_ADDRESS);
      await expect(tx).to.changeEtherBalances(ethers, [escrow, accounts.feeRecipient], [-ethFee, ethFee]);
      await expect(tx)
        .to.emit(escrow, "ProtocolFeesClaimed")
        .withArgs(ZERO_ADDRESS, accounts.feeRecipient.address, ethFee);
      await expect(escrow.claimProtocolFees(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(escrow, "EscrowNoProtocolFees")
        .withArgs(ZERO_ADDRESS);
      await expect(escrow.claimProtocolFees(tokenAddress)).to.changeTokenBalance(
        ethers,
        token,
        accounts.feeRecipient,
        10n,
      );
    });

    it("follow the recipient in force when claimed", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      await (await escrow.connect(accounts.deployer).setFeeRecipient(accounts.stranger.address)).wait();
      const ethFee = (TERMS.price * PROTOCOL_FEE_BPS) / BPS;
      await expect(escrow.claimProtocolFees(ZERO_ADDRESS)).to.changeEtherBalance(ethers, accounts.stranger, ethFee);
    });

    it("are never charged on refunds", async function () {
      const market = await networkHelpers.loadFixture(paid);
      const { escrow, accounts } = market;
      const before = await escrow.protocolFeesOf(ZERO_ADDRESS);
      const orderId = await buy(market, 1n);
      await (await escrow.connect(accounts.seller).decline(orderId)).wait();
      expect(await escrow.protocolFeesOf(ZERO_ADDRESS)).to.equal(before);
      expect(await escrow.creditOf(accounts.buyer.address, ZERO_ADDRESS)).to.equal(TERMS.price);
    });
  });

  describe("governance", function () {
    it("sets the protocol fee up to the 5% cap, for new orders only", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      expect(await escrow.MAX_PROTOCOL_FEE_BPS()).to.equal(500n);
      await expect(escrow.connect(accounts.deployer).setProtocolFee(500n))
        .to.emit(escrow, "ProtocolFeeUpdated")
        .withArgs(PROTOCOL_FEE_BPS, 500n);
      expect(await escrow.protocolFeeBps()).to.equal(500n);
      await expect(escrow.connect(accounts.deployer).setProtocolFee(501n))
        .to.be.revertedWithCustomError(escrow, "EscrowProtocolFeeTooHigh")
        .withArgs(501n, 500n);
    });

    it("sets the fee recipient, never to zero", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      await expect(escrow.connect(accounts.deployer).setFeeRecipient(accounts.stranger.address))
        .to.emit(escrow, "FeeRecipientUpdated")
        .withArgs(accounts.feeRecipient.address, accounts.stranger.address);
      expect(await escrow.feeRecipient()).to.equal(accounts.stranger.address);
      await expect(escrow.connect(accounts.deployer).setFeeRecipient(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(escrow, "EscrowInvalidRecipient")
        .withArgs(ZERO_ADDRESS);
    });

    it("is the owner's alone", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      const outsider = escrow.connect(accounts.seller);
      for (const call of [
        () => outsider.setProtocolFee(0n),
        () => outsider.setFeeRecipient(accounts.seller.address),
        () => outsider.pause(),
        () => outsider.unpause(),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(escrow, "OwnableUnauthorizedAccount")
          .withArgs(accounts.seller.address);
      }
    });

    it("changes hands in two steps (Ownable2Step)", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      await (await escrow.connect(accounts.deployer).transferOwnership(accounts.stranger.address)).wait();
      expect(await escrow.pendingOwner()).to.equal(accounts.stranger.address);
      await expect(escrow.connect(accounts.seller).acceptOwnership())
        .to.be.revertedWithCustomError(escrow, "OwnableUnauthorizedAccount")
        .withArgs(accounts.seller.address);
      await (await escrow.connect(accounts.stranger).acceptOwnership()).wait();
      expect(await escrow.owner()).to.equal(accounts.stranger.address);
    });

    it("rejects a deployment with a fee above the cap or no fee recipient", async function () {
      const { accounts } = await networkHelpers.loadFixture(paid);
      const factory = await ethers.getContractFactory("Escrow");
      await expect(factory.deploy(accounts.deployer.address, accounts.deployer.address, 501n))
        .to.be.revertedWithCustomError(factory, "EscrowProtocolFeeTooHigh")
        .withArgs(501n, 500n);
      await expect(factory.deploy(accounts.deployer.address, ZERO_ADDRESS, 0n))
        .to.be.revertedWithCustomError(factory, "EscrowInvalidRecipient")
        .withArgs(ZERO_ADDRESS);
    });
  });

  describe("pause never blocks an exit", function () {
    it("decline, cancel, confirm, complete, dispute, evidence, settle, rule, timeout and withdraw all work while paused", async function () {
      const market = await networkHelpers.loadFixture(paid);
      const { escrow, registry, accounts } = market;
      const listingId = await createListing(market, { stock: 50n });
      const toDecline = await buy(market, listingId);
      const toCancel = await buy(market, listingId);
      const toConfirm = await buyAndFulfill(market, listingId);
      const toComplete = await buyAndFulfill(market, listingId);
      const toSettle = await buyAndDispute(market, listingId);
      const toRule = await buyAndDispute(market, listingId);
      const toTimeOut = await buyAndDispute(market, listingId);
      const toDispute = await buyAndFulfill(market, listingId);

      await (await escrow.connect(accounts.deployer).pause()).wait();
      await (await registry.connect(accounts.deployer).pause()).wait();

      await expect(escrow.connect(accounts.seller).decline(toDecline)).to.emit(escrow, "OrderDeclined");
      await expect(escrow.connect(accounts.buyer).confirm(toConfirm)).to.emit(escrow, "OrderCompleted");
      await expect(escrow.connect(accounts.buyer).openDispute(toDispute, TERMS.evidenceDigest)).to.emit(
        escrow,
        "DisputeOpened",
      );
      await expect(escrow.connect(accounts.seller).submitEvidence(toRule, TERMS.evidenceDigest)).to.emit(
        escrow,
        "EvidenceSubmitted",
      );
      await (await escrow.connect(accounts.seller).proposeSettlement(toSettle, 5_000n)).wait();
      await expect(escrow.connect(accounts.buyer).acceptSettlement(toSettle, 5_000n)).to.emit(escrow, "OrderSettled");
      await expect(escrow.connect(accounts.arbiter).rule(toRule, 5_000n)).to.emit(escrow, "OrderRuled");
      await time.increase(TERMS.confirmationWindow);
      await expect(escrow.connect(accounts.buyer).cancel(toCancel)).to.emit(escrow, "OrderCancelled");
      await expect(escrow.connect(accounts.stranger).complete(toComplete)).to.emit(escrow, "OrderCompleted");
      await time.increase(30n * 24n * 3_600n);
      await expect(escrow.connect(accounts.stranger).resolveAfterTimeout(toTimeOut)).to.emit(escrow, "OrderSettled");
      for (const account of [accounts.buyer, accounts.seller, accounts.arbiter]) {
        await expect(escrow.connect(account).withdraw(ZERO_ADDRESS)).to.emit(escrow, "Withdrawn");
      }
      await expect(escrow.claimProtocolFees(ZERO_ADDRESS)).to.emit(escrow, "ProtocolFeesClaimed");
    });
  });
});
