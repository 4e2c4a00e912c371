import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Demo price feeds for local chains (never public networks): Chainlink's AggregatorV3Interface with fixed rates
 * for ETH and the demo tokens, so that the dApp's reference prices ("≈ $12.40", labelled as a demo rate) work
 * offline. Each feed's description names its token ("DUSD / USD"); scripts/export-sdk.ts records them per token.
 */
export const DEMO_RATES = [
  { id: "EthUsd", description: "ETH / USD", answer: 2_500_00000000n },
  { id: "DusdUsd", description: "DUSD / USD", answer: 1_00000000n },
  { id: "DgldUsd", description: "DGLD / USD", answer: 60_00000000n },
] as const;

export default buildModule("DemoPriceFeeds", (m) => {
  const feeds = Object.fromEntries(
    DEMO_RATES.map((rate) => [rate.id, m.contract("DemoPriceFeed", [8, rate.description, rate.answer], { id: rate.id })]),
  );
  return feeds;
});
