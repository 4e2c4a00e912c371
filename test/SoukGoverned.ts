import { expect } from "chai";
import { network } from "hardhat";

import SoukGovernedModule from "../ignition/modules/SoukGoverned.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const DELAY = 2n * 24n * 3_600n;
const ZERO_HASH = "0x" + "00".repeat(32);

describe("SoukGoverned (public-network deployment)", function () {
  async function deployGoverned() {
    const [deployer, proposer, stranger, feeRecipient] = await ethers.getSigners();
    const deployed = await connection.ignition.deploy(SoukGovernedModule, {
      parameters: {
        SoukGoverned: {
          timelockDelay: DELAY,
          proposer: proposer!.address,
          pauseGuardian: proposer!.address,
          feeRecipient: feeRecipient!.address,
          protocolFeeBps: 100n,
        },
      },
    });
    const timelock = await ethers.getContractAt("SoukTimelock", await deployed.timelock.getAddress());
    const escrow = await ethers.getContractAt("Escrow", await deployed.escrow.getAddress());
    const registry = await ethers.getContractAt("ListingRegistry", await deployed.registry.getAddress());
    return { timelock, escrow, registry, deployer: deployer!, proposer: proposer!, stranger: stranger! };
  }

  it("makes the timelock the one owner (of the escrow, which governs the registry), with the configured delay", async function () {
    const { timelock, escrow, registry } = await networkHelpers.loadFixture(deployGoverned);
    expect(await escrow.owner()).to.equal(await timelock.getAddress());
    expect(await registry.escrow()).to.equal(await escrow.getAddress());
    expect(await timelock.getMinDelay()).to.equal(DELAY);
  });

  it("names the configured pause guardian: an emergency pause needs no delay, and lapses unless governance confirms", async function () {
    const { escrow, registry, proposer, stranger } = await networkHelpers.loadFixture(deployGoverned);
    expect(await escrow.pauseGuardian()).to.equal(proposer.address);
    await expect(escrow.connect(stranger).pause()).to.be.revertedWithCustomError(escrow, "EscrowNotPauser");
    await (await escrow.connect(proposer).pause()).wait();
    expect([await escrow.paused(), await registry.paused()]).to.deep.equal([true, true]);
    await networkHelpers.time.increase(7n * 24n * 3_600n);
    expect([await escrow.paused(), await registry.paused()]).to.deep.equal([false, false]);
  });

  it("lets only the proposer schedule, anyone execute after the delay, and nobody administer it", async function () {
    const { timelock, escrow, deployer, proposer, stranger } = await networkHelpers.loadFixture(deployGoverned);
    const [PROPOSER, EXECUTOR, ADMIN] = await Promise.all([
      timelock.PROPOSER_ROLE(),
      timelock.EXECUTOR_ROLE(),
      timelock.DEFAULT_ADMIN_ROLE(),
    ]);
    expect(await timelock.hasRole(PROPOSER, proposer.address)).to.equal(true);
    expect(await timelock.hasRole(PROPOSER, deployer.address)).to.equal(false);
    expect(await timelock.hasRole(EXECUTOR, ethers.ZeroAddress)).to.equal(true);
    expect(await timelock.hasRole(ADMIN, deployer.address)).to.equal(false);
    expect(await timelock.hasRole(ADMIN, await timelock.getAddress())).to.equal(true);

    const data = escrow.interface.encodeFunctionData("pause");
    const operation = [await escrow.getAddress(), 0n, data, ZERO_HASH, ZERO_HASH] as const;
    await expect(timelock.connect(stranger).schedule(...operation, DELAY)).to.be.revertedWithCustomError(
      timelock,
      "AccessControlUnauthorizedAccount",
    );
    await (await timelock.connect(proposer).schedule(...operation, DELAY)).wait();
    await expect(timelock.connect(stranger).execute(...operation)).to.be.revertedWithCustomError(
      timelock,
      "TimelockUnexpectedOperationState",
    );
    await networkHelpers.time.increase(DELAY);
    await (await timelock.connect(stranger).execute(...operation)).wait();
    expect(await escrow.paused()).to.equal(true);
  });
});
