import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { deploySouk } from "./souk-contracts.js";

/**
 * The marketplace owned by an account: local chains and tests. Public networks use SoukGoverned.
 *
 * Parameters (key "Souk"):
 * - owner: governance of the escrow and the registry (fee, fee recipient, pause). Defaults to the deployer.
 * - feeRecipient: receives protocol fees. Defaults to the deployer.
 * - protocolFeeBps: protocol fee for new orders, in basis points (at most 500). Defaults to 100 (1%).
 * - pauseGuardian: may pause new listings and purchases at once for 7 days. Defaults to none (the zero address).
 */
export default buildModule("Souk", (m) => {
  const deployer = m.getAccount(0);
  return deploySouk(
    m,
    m.getParameter("owner", deployer),
    m.getParameter("feeRecipient", deployer),
    m.getParameter("protocolFeeBps", 100n),
    m.getParameter("pauseGuardian", "0x0000000000000000000000000000000000000000"),
  );
});
