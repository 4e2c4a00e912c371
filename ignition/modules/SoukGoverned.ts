import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { deploySouk } from "./souk-contracts.js";

/**
 * The marketplace for public networks, owned by a SoukTimelock: every governance action waits `timelockDelay`
 * seconds in public view before anyone can execute it.
 *
 * Parameters (ignition/parameters/<network>.json, key "SoukGoverned"):
 * - timelockDelay: seconds between scheduling and executing a governance action. Defaults to 2 days.
 * - proposer: the account (a multisig in production) allowed to schedule actions. Defaults to the deployer.
 * - feeRecipient: receives protocol fees. Defaults to the deployer.
 * - protocolFeeBps: protocol fee for new orders, in basis points (at most 500). Defaults to 100 (1%).
 * - pauseGuardian: may pause new listings and purchases at once, once, for 7 days, without the timelock's delay (a
 *   security multisig in production). Defaults to the deployer.
 */
export default buildModule("SoukGoverned", (m) => {
  const deployer = m.getAccount(0);
  const timelock = m.contract("SoukTimelock", [
    m.getParameter("timelockDelay", 2n * 24n * 60n * 60n),
    [m.getParameter("proposer", deployer)],
  ]);
  const souk = deploySouk(
    m,
    timelock,
    m.getParameter("feeRecipient", deployer),
    m.getParameter("protocolFeeBps", 100n),
    m.getParameter("pauseGuardian", deployer),
  );
  return { timelock, ...souk };
});
