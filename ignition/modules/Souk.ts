import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys the marketplace: the Escrow, the ListingRegistry it creates (and alone may take stock from), and the
 * Reputation contract that reads the escrow's orders.
 *
 * Parameters (ignition/parameters/<network>.json, key "Souk"):
 * - owner: governance of the escrow and the registry (fee, fee recipient, pause). Defaults to the deployer; on
 *   public networks pass a TimelockController (see the SoukGovernance module).
 * - feeRecipient: receives protocol fees. Defaults to the deployer.
 * - protocolFeeBps: protocol fee for new orders, in basis points (at most 500). Defaults to 100 (1%).
 */
export default buildModule("Souk", (m) => {
  const deployer = m.getAccount(0);
  const owner = m.getParameter("owner", deployer);
  const feeRecipient = m.getParameter("feeRecipient", deployer);
  const protocolFeeBps = m.getParameter("protocolFeeBps", 100n);

  const escrow = m.contract("Escrow", [owner, feeRecipient, protocolFeeBps]);
  const registry = m.contractAt("ListingRegistry", m.staticCall(escrow, "registry"));
  const reputation = m.contract("Reputation", [escrow]);

  return { escrow, registry, reputation };
});
