import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Payment tokens with a public faucet for local chains and testnets (never production): a 6-decimal dollar with
 * EIP-2612 permit (one-signature purchases) and an 18-decimal token without permit (approve, then buy).
 */
export default buildModule("DemoTokens", (m) => {
  const dollar = m.contract("DemoToken", ["Demo Dollar", "DUSD", 6], { id: "DemoDollar" });
  const gold = m.contract("DemoGold", [], { id: "DemoGold" });
  return { dollar, gold };
});
