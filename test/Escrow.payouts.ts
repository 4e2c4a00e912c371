import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketplace, PROTOCOL_FEE_BPS, TERMS, ZERO_ADDRESS, type Marketplace } from "./helpers/fixtures.js";
import { blockTimeOf, buy, buyAndDispute, buyAndFulfill, createListing, createTokenListing } from "./helpers/orders.js";

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

    it("withdrawTo sends to another address and refuses zero, the escrow and the registry", async function () {
      const market = await networkHelpers.loadFixture(paid);
      const { escrow, accounts, ethCredit } = market;
      // Zero, the escrow itself and the registry could never pass the money on.
      for (const to of [ZERO_ADDRESS, await escrow.getAddress(), await market.registry.getAddress()]) {
        await expect(escrow.connect(accounts.seller).withdrawTo(ZERO_ADDRESS, to))
          .to.be.revertedWithCustomError(escrow, "EscrowInvalidRecipient")
          .withArgs(to);
      }
      expect(await escrow.creditOf(accounts.seller.address, ZERO_ADDRESS)).to.equal(ethCredit);
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
    const FOREVER = 2n ** 40n - 1n;
    const GUARDIAN_PAUSE = 7n * 24n * 3_600n;

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

    it("sets the fee recipient, never to zero, the escrow or the registry", async function () {
      const { escrow, registry, accounts } = await networkHelpers.loadFixture(paid);
      await expect(escrow.connect(accounts.deployer).setFeeRecipient(accounts.stranger.address))
        .to.emit(escrow, "FeeRecipientUpdated")
        .withArgs(accounts.feeRecipient.address, accounts.stranger.address);
      expect(await escrow.feeRecipient()).to.equal(accounts.stranger.address);
      for (const recipient of [ZERO_ADDRESS, await escrow.getAddress(), await registry.getAddress()]) {
        await expect(escrow.connect(accounts.deployer).setFeeRecipient(recipient))
          .to.be.revertedWithCustomError(escrow, "EscrowInvalidRecipient")
          .withArgs(recipient);
      }
      expect(await escrow.feeRecipient()).to.equal(accounts.stranger.address);
    });

    it("is the owner's alone; pausing also the guardian's", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      const outsider = escrow.connect(accounts.seller);
      for (const call of [
        () => outsider.setProtocolFee(0n),
        () => outsider.setFeeRecipient(accounts.seller.address),
        () => outsider.setPauseGuardian(accounts.seller.address),
        () => outsider.unpause(),
        () => outsider.transferOwnership(accounts.seller.address),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(escrow, "OwnableUnauthorizedAccount")
          .withArgs(accounts.seller.address);
      }
      await expect(outsider.pause()).to.be.revertedWithCustomError(escrow, "EscrowNotPauser").withArgs(accounts.seller.address);
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

    it("cannot be renounced: a paused market would stay frozen for good", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(paid);
      await (await escrow.connect(accounts.deployer).pause()).wait();
      for (const signer of [accounts.deployer, accounts.stranger]) {
        await expect(escrow.connect(signer).renounceOwnership()).to.be.revertedWithCustomError(
          escrow,
          "EscrowRenounceDisabled",
        );
      }
      expect(await escrow.owner()).to.equal(accounts.deployer.address);
      await expect(escrow.connect(accounts.deployer).unpause()).to.emit(escrow, "Unpaused");
    });

    it("rejects a deployment with a fee above the cap or no fee recipient", async function () {
      const { accounts } = await networkHelpers.loadFixture(paid);
      const factory = await ethers.getContractFactory("Escrow");
      await expect(factory.deploy(accounts.deployer.address, accounts.deployer.address, 501n, ZERO_ADDRESS))
        .to.be.revertedWithCustomError(factory, "EscrowProtocolFeeTooHigh")
        .withArgs(501n, 500n);
      await expect(factory.deploy(accounts.deployer.address, ZERO_ADDRESS, 0n, ZERO_ADDRESS))
        .to.be.revertedWithCustomError(factory, "EscrowInvalidRecipient")
        .withArgs(ZERO_ADDRESS);
    });

    it("one switch pauses purchases and listings together, until governance lifts it", async function () {
      const market = await networkHelpers.loadFixture(paid);
      const { escrow, registry, accounts } = market;
      await expect(escrow.connect(accounts.deployer).pause())
        .to.emit(escrow, "Paused")
        .withArgs(accounts.deployer.address, FOREVER);
      expect([await escrow.paused(), await registry.paused(), await escrow.pausedUntil()]).to.deep.equal([
        true,
        true,
        FOREVER,
      ]);
      await expect(escrow.connect(accounts.deployer).pause())
        .to.be.revertedWithCustomError(escrow, "EscrowAlreadyPaused")
        .withArgs(FOREVER);
      await time.increase(365n * 24n * 3_600n);
      await expect(createListing(market)).to.be.revertedWithCustomError(registry, "ListingRegistryPaused").withArgs(FOREVER);
      await expect(escrow.connect(accounts.deployer).unpause()).to.emit(escrow, "Unpaused").withArgs(accounts.deployer.address);
      expect([await escrow.paused(), await registry.paused()]).to.deep.equal([false, false]);
      await expect(escrow.connect(accounts.deployer).unpause()).to.be.revertedWithCustomError(escrow, "EscrowNotPaused");
      await createListing(market);
    });

    describe("pause guardian", function () {
      async function guarded() {
        const market = await paid();
        const { escrow, accounts } = market;
        await (await escrow.connect(accounts.deployer).setPauseGuardian(accounts.stranger.address)).wait();
        const listingId = await createListing(market, { stock: 10n });
        return { ...market, guardian: accounts.stranger, listingId };
      }

      it("is named by governance", async function () {
        const { escrow, accounts } = await networkHelpers.loadFixture(paid);
        expect(await escrow.pauseGuardian()).to.equal(ZERO_ADDRESS);
        await expect(escrow.connect(accounts.deployer).setPauseGuardian(accounts.stranger.address))
          .to.emit(escrow, "PauseGuardianUpdated")
          .withArgs(ZERO_ADDRESS, accounts.stranger.address);
        expect(await escrow.pauseGuardian()).to.equal(accounts.stranger.address);
        await expect(escrow.connect(accounts.deployer).setPauseGuardian(ZERO_ADDRESS))
          .to.emit(escrow, "PauseGuardianUpdated")
          .withArgs(accounts.stranger.address, ZERO_ADDRESS);
      });

      it("pauses purchases and listings at once, for 7 days, and spends its power", async function () {
        const market = await networkHelpers.loadFixture(guarded);
        const { escrow, registry, guardian, listingId } = market;
        expect(await escrow.GUARDIAN_PAUSE_DURATION()).to.equal(GUARDIAN_PAUSE);
        const tx = await escrow.connect(guardian).pause();
        const until = (await blockTimeOf(market, tx)) + GUARDIAN_PAUSE;
        await expect(tx)
          .to.emit(escrow, "Paused")
          .withArgs(guardian.address, until)
          .and.to.emit(escrow, "PauseGuardianUpdated")
          .withArgs(guardian.address, ZERO_ADDRESS);
        expect([await escrow.paused(), await registry.paused(), await escrow.pausedUntil()]).to.deep.equal([
          true,
          true,
          until,
        ]);
        await expect(buy(market, listingId)).to.be.revertedWithCustomError(escrow, "EscrowPaused").withArgs(until);
        await expect(createListing(market)).to.be.revertedWithCustomError(registry, "ListingRegistryPaused").withArgs(until);
        // Spent: it cannot pause again, even after the pause lapses, until governance names a guardian again.
        await time.increaseTo(until);
        await expect(escrow.connect(guardian).pause())
          .to.be.revertedWithCustomError(escrow, "EscrowNotPauser")
          .withArgs(guardian.address);
      });

      it("lapses by itself at the end of its 7 days (T-1 refused, T open)", async function () {
        const market = await networkHelpers.loadFixture(guarded);
        const { escrow, registry, guardian, listingId } = market;
        const until = (await blockTimeOf(market, await escrow.connect(guardian).pause())) + GUARDIAN_PAUSE;
        for (const offset of [-1n, 0n]) {
          const snapshot = await networkHelpers.takeSnapshot();
          await time.setNextBlockTimestamp(until + offset);
          if (offset < 0n) {
            await expect(buy(market, listingId)).to.be.revertedWithCustomError(escrow, "EscrowPaused").withArgs(until);
          } else {
            await buy(market, listingId);
            expect([await escrow.paused(), await registry.paused()]).to.deep.equal([false, false]);
          }
          await snapshot.restore();
        }
        await time.setNextBlockTimestamp(until);
        await createListing(market);
      });

      it("can never unpause or govern; governance confirms its pause or lifts it", async function () {
        const market = await networkHelpers.loadFixture(guarded);
        const { escrow, accounts, guardian, listingId } = market;
        await (await escrow.connect(guardian).pause()).wait();
        for (const call of [
          () => escrow.connect(guardian).unpause(),
          () => escrow.connect(guardian).setProtocolFee(0n),
          () => escrow.connect(guardian).setFeeRecipient(guardian.address),
          () => escrow.connect(guardian).setPauseGuardian(guardian.address),
        ]) {
          await expect(call())
            .to.be.revertedWithCustomError(escrow, "OwnableUnauthorizedAccount")
            .withArgs(guardian.address);
        }
        // Governance confirms: the pause no longer lapses.
        await expect(escrow.connect(accounts.deployer).pause())
          .to.emit(escrow, "Paused")
          .withArgs(accounts.deployer.address, FOREVER);
        await time.increase(GUARDIAN_PAUSE + 1n);
        await expect(buy(market, listingId)).to.be.revertedWithCustomError(escrow, "EscrowPaused").withArgs(FOREVER);
        await (await escrow.connect(accounts.deployer).unpause()).wait();
        await buy(market, listingId);
      });

      it("governance can lift a guardian's pause early; the guardian cannot pause over governance's pause", async function () {
        const market = await networkHelpers.loadFixture(guarded);
        const { escrow, accounts, guardian, listingId } = market;
        await (await escrow.connect(guardian).pause()).wait();
        await expect(escrow.connect(accounts.deployer).unpause()).to.emit(escrow, "Unpaused");
        await buy(market, listingId);
        await (await escrow.connect(accounts.deployer).setPauseGuardian(guardian.address)).wait();
        await (await escrow.connect(accounts.deployer).pause()).wait();
        await expect(escrow.connect(guardian).pause())
          .to.be.revertedWithCustomError(escrow, "EscrowAlreadyPaused")
          .withArgs(FOREVER);
        expect(await escrow.pausedUntil()).to.equal(FOREVER);
      });
    });
  });

  describe("pause never blocks an exit", function () {
    for (const by of ["governance", "the guardian"] as const) {
      it(`decline, cancel, confirm, complete, dispute, evidence, settle, rule, timeout and withdraw all work while paused by ${by}`, async function () {
        const market = await networkHelpers.loadFixture(paid);
        const { escrow, accounts } = market;
        const listingId = await createListing(market, { stock: 50n });
        const toDecline = await buy(market, listingId);
        const toCancel = await buy(market, listingId);
        const toConfirm = await buyAndFulfill(market, listingId);
        const toComplete = await buyAndFulfill(market, listingId);
        const toSettle = await buyAndDispute(market, listingId);
        const toRule = await buyAndDispute(market, listingId);
        const toTimeOut = await buyAndDispute(market, listingId);
        const toDispute = await buyAndFulfill(market, listingId);

        if (by === "governance") {
          await (await escrow.connect(accounts.deployer).pause()).wait();
        } else {
          await (await escrow.connect(accounts.deployer).setPauseGuardian(accounts.stranger.address)).wait();
          await (await escrow.connect(accounts.stranger).pause()).wait();
        }

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
    }
  });
});
