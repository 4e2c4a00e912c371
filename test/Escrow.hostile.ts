import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketplace, listingTerms, PROTOCOL_FEE_BPS, TERMS, ZERO_ADDRESS } from "./helpers/fixtures.js";
import { buy, createListing, orderIdFrom, orderIdOf } from "./helpers/orders.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const BPS = 10_000n;

describe("Escrow: hostile counterparts", function () {
  const deploy = () => deployMarketplace(connection);

  describe("re-entrancy", function () {
    it("a buyer contract re-entering every value-moving function from its receive hook is refused each time", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, accounts } = market;
      const attacker = await ethers.deployContract("ReentrantReceiver", [await escrow.getAddress()]);
      const listingId = await createListing(market);
      const buyData = escrow.interface.encodeFunctionData("buy", [listingId, 1n, 1n]);
      await (await attacker.call(await escrow.getAddress(), TERMS.price, buyData, { value: TERMS.price })).wait();
      const orderId = orderIdOf(listingId, 1n);
      await (await escrow.connect(accounts.seller).decline(orderId)).wait();

      await (await attacker.arm(orderId, listingId, ZERO_ADDRESS)).wait();
      const withdrawData = escrow.interface.encodeFunctionData("withdraw", [ZERO_ADDRESS]);
      const tx = attacker.call(await escrow.getAddress(), 0n, withdrawData);
      await expect(tx).to.changeEtherBalances(ethers, [escrow, attacker], [-TERMS.price, TERMS.price]);
      expect(await attacker.attempts()).to.equal(15n);
      expect(await attacker.guardRejections()).to.equal(15n);
      expect(await attacker.successes()).to.equal(0n);
      expect(await escrow.creditOf(await attacker.getAddress(), ZERO_ADDRESS)).to.equal(0n);
    });

    it("a token re-entering from transferFrom (purchase) and transfer (withdrawal) is refused each time", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, accounts } = market;
      const token = await ethers.deployContract("ReentrantToken", [await escrow.getAddress()]);
      const tokenAddress = await token.getAddress();
      await (await token.mint(accounts.buyer.address, 10_000n)).wait();
      const listingId = await createListing(market, { token: tokenAddress, price: 1_000n });

      await (await token.arm(orderIdOf(listingId, 1n), listingId, tokenAddress)).wait();
      await (await token.connect(accounts.buyer).approve(await escrow.getAddress(), 1_000n)).wait();
      const orderId = await orderIdFrom(market, await escrow.connect(accounts.buyer).buy(listingId, 1n, 1n));
      expect(await token.guardRejections()).to.equal(15n);

      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
      await (await token.arm(orderId, listingId, tokenAddress)).wait();
      await expect(escrow.connect(accounts.seller).withdraw(tokenAddress)).to.changeTokenBalance(
        ethers,
        token,
        accounts.seller,
        1_000n - 10n,
      );
      expect(await token.attempts()).to.equal(30n);
      expect(await token.guardRejections()).to.equal(30n);
      expect(await token.successes()).to.equal(0n);
    });
  });

  describe("non-standard ERC-20s", function () {
    it("a token that returns false is refused with SafeERC20FailedOperation", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, accounts } = market;
      const token = await ethers.deployContract("ReturnsFalseToken");
      await (await token.mint(accounts.buyer.address, 1_000n)).wait();
      const listingId = await createListing(market, { token: await token.getAddress(), price: 100n });
      await (await token.connect(accounts.buyer).approve(await escrow.getAddress(), 100n)).wait();
      await expect(escrow.connect(accounts.buyer).buy(listingId, 1n, 1n))
        .to.be.revertedWithCustomError(escrow, "SafeERC20FailedOperation")
        .withArgs(await token.getAddress());
    });

    it("a USDT-style token that returns nothing works end to end", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, accounts } = market;
      const token = await ethers.deployContract("NoReturnToken");
      const tokenAddress = await token.getAddress();
      await (await token.mint(accounts.buyer.address, 1_000_000n)).wait();
      const listingId = await createListing(market, { token: tokenAddress, price: 10_000n });
      const orderId = await buy(market, listingId, 2n);
      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
      await (await escrow.connect(accounts.seller).withdraw(tokenAddress)).wait();
      expect(await token.balanceOf(accounts.seller.address)).to.equal(20_000n - 200n);
      expect(await token.balanceOf(await escrow.getAddress())).to.equal(200n);
    });

    it("a fee-on-transfer token is rejected at purchase, leaving nothing behind", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, registry, accounts } = market;
      const token = await ethers.deployContract("FeeOnTransferToken");
      const tokenAddress = await token.getAddress();
      await (await token.mint(accounts.buyer.address, 10_000n)).wait();
      const listingId = await createListing(market, { token: tokenAddress, price: 1_000n });
      await (await token.connect(accounts.buyer).approve(await escrow.getAddress(), 1_000n)).wait();
      await expect(escrow.connect(accounts.buyer).buy(listingId, 1n, 1n))
        .to.be.revertedWithCustomError(escrow, "EscrowTokenAmountMismatch")
        .withArgs(tokenAddress, 1_000n, 990n);
      expect(await token.balanceOf(accounts.buyer.address)).to.equal(10_000n);
      expect((await registry.getListing(listingId)).stock).to.equal(TERMS.stock);
    });

    it("a token that blacklists the seller blocks only the seller's own withdrawal, and withdrawTo gets around it", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, accounts } = market;
      const token = await ethers.deployContract("BlacklistToken");
      const tokenAddress = await token.getAddress();
      for (const account of [accounts.buyer, accounts.buyer2]) {
        await (await token.mint(account.address, 100_000n)).wait();
      }
      const listingId = await createListing(market, { token: tokenAddress, price: 1_000n });
      const otherSellerListing = await createListing(
        market,
        { token: tokenAddress, price: 1_000n },
        accounts.stranger,
      );
      const toComplete = await buy(market, listingId);
      const toRefund = await buy(market, listingId, 1n, accounts.buyer2);
      const otherOrder = await buy(market, otherSellerListing);

      await (await token.setBlacklisted(accounts.seller.address, true)).wait();

      // Every state transition still works: none of them moves tokens.
      await (await escrow.connect(accounts.buyer).confirm(toComplete)).wait();
      await (await escrow.connect(accounts.seller).decline(toRefund)).wait();
      await (await escrow.connect(accounts.buyer).confirm(otherOrder)).wait();

      await expect(escrow.connect(accounts.seller).withdraw(tokenAddress))
        .to.be.revertedWithCustomError(token, "Blacklisted")
        .withArgs(accounts.seller.address);
      await expect(escrow.connect(accounts.buyer2).withdraw(tokenAddress)).to.changeTokenBalance(
        ethers,
        token,
        accounts.buyer2,
        1_000n,
      );
      await expect(escrow.connect(accounts.stranger).withdraw(tokenAddress)).to.changeTokenBalance(
        ethers,
        token,
        accounts.stranger,
        990n,
      );
      await expect(
        escrow.connect(accounts.seller).withdrawTo(tokenAddress, accounts.deployer.address),
      ).to.changeTokenBalance(ethers, token, accounts.deployer, 990n);
    });
  });

  describe("ETH edge cases", function () {
    it("a seller contract that refuses ETH is paid through withdrawTo, and blocks nobody", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, registry, accounts } = market;
      const refuser = await ethers.deployContract("EthRefuser");
      const refuserAddress = await refuser.getAddress();
      const createData = registry.interface.encodeFunctionData("createListing", [listingTerms()]);
      await (await refuser.call(await registry.getAddress(), 0n, createData)).wait();
      const listingId = await registry.listingCount();
      const orderId = await buy(market, listingId);
      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();

      const credit = TERMS.price - (TERMS.price * PROTOCOL_FEE_BPS) / BPS;
      const withdrawData = escrow.interface.encodeFunctionData("withdraw", [ZERO_ADDRESS]);
      await expect(refuser.call(await escrow.getAddress(), 0n, withdrawData))
        .to.be.revertedWithCustomError(escrow, "EscrowEthTransferFailed")
        .withArgs(refuserAddress, credit);
      const withdrawToData = escrow.interface.encodeFunctionData("withdrawTo", [
        ZERO_ADDRESS,
        accounts.stranger.address,
      ]);
      await expect(refuser.call(await escrow.getAddress(), 0n, withdrawToData)).to.changeEtherBalance(
        ethers,
        accounts.stranger,
        credit,
      );
    });

    it("ETH forced into the escrow changes no credit and breaks nothing", async function () {
      const market = await networkHelpers.loadFixture(deploy);
      const { escrow, accounts } = market;
      const listingId = await createListing(market);
      const orderId = await buy(market, listingId);
      const forced = 5n * 10n ** 18n;
      await ethers.deployContract("ForceSend", [await escrow.getAddress()], { value: forced });
      expect(await ethers.provider.getBalance(await escrow.getAddress())).to.equal(TERMS.price + forced);

      await (await escrow.connect(accounts.buyer).confirm(orderId)).wait();
      const fee = (TERMS.price * PROTOCOL_FEE_BPS) / BPS;
      await expect(escrow.connect(accounts.seller).withdraw(ZERO_ADDRESS)).to.changeEtherBalance(
        ethers,
        accounts.seller,
        TERMS.price - fee,
      );
      await (await escrow.claimProtocolFees(ZERO_ADDRESS)).wait();
      // The forced ETH stays behind, owed to nobody.
      expect(await ethers.provider.getBalance(await escrow.getAddress())).to.equal(forced);
    });

    it("plain ETH transfers to the escrow are refused", async function () {
      const { escrow, accounts } = await networkHelpers.loadFixture(deploy);
      await expect(accounts.buyer.sendTransaction({ to: await escrow.getAddress(), value: 1n })).to.be.revert(ethers);
    });
  });
});
