import { expect } from "chai";
import { network } from "hardhat";

import DemoPriceFeedsModule, { DEMO_RATES } from "../ignition/modules/DemoPriceFeeds.js";

const connection = await network.create();
const { ethers, ignition, networkHelpers } = connection;

describe("DemoPriceFeed (local chains' reference prices)", function () {
  async function deployed() {
    return ignition.deploy(DemoPriceFeedsModule);
  }

  it("answers AggregatorV3Interface with each module's fixed rate, reported as current", async function () {
    const feeds = await networkHelpers.loadFixture(deployed);
    for (const rate of DEMO_RATES) {
      const feed = await ethers.getContractAt("DemoPriceFeed", await feeds[rate.id]!.getAddress());
      expect(await feed.decimals()).to.equal(8n);
      expect(await feed.description()).to.equal(rate.description);
      expect(await feed.version()).to.equal(1n);
      await networkHelpers.time.increase(3_600);
      const [roundId, answer, startedAt, updatedAt, answeredInRound] = await feed.latestRoundData();
      expect([roundId, answer, answeredInRound]).to.deep.equal([1n, rate.answer, 1n]);
      expect(updatedAt).to.equal(BigInt(await networkHelpers.time.latest()));
      expect(startedAt < updatedAt).to.equal(true);
      expect((await feed.getRoundData(1n))[1]).to.equal(rate.answer);
    }
  });

  it("knows no round but the first", async function () {
    const { EthUsd } = await networkHelpers.loadFixture(deployed);
    const feed = await ethers.getContractAt("DemoPriceFeed", await EthUsd!.getAddress());
    await expect(feed.getRoundData(2n)).to.be.revertedWithCustomError(feed, "DemoPriceFeedUnknownRound").withArgs(2n);
  });

  it("refuses a rate that is not positive", async function () {
    const factory = await ethers.getContractFactory("DemoPriceFeed");
    for (const answer of [0n, -1n]) {
      await expect(factory.deploy(8, "ETH / USD", answer)).to.be.revertedWithCustomError(factory, "DemoPriceFeedInvalidAnswer").withArgs(answer);
    }
  });
});
