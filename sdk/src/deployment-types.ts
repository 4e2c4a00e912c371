/** A payment token the SDK knows by name (demo tokens of local chains and testnets). */
export interface KnownToken {
  readonly address: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** Supports EIP-2612 permit: purchases need one signature instead of approve + buy. */
  readonly permit: boolean;
  /** Has a public `faucet(to, amount)` for test money. */
  readonly faucet: boolean;
}

/** A Chainlink-compatible price feed (AggregatorV3Interface) for one payment token, quoted in US dollars. */
export interface PriceFeedRecord {
  /** The payment token it prices (the zero address for ETH). */
  readonly token: string;
  readonly feed: string;
  /** The feed's own description, e.g. "ETH / USD". */
  readonly description: string;
  /** A fixed demo rate of a local chain (contracts/demo/DemoPriceFeed.sol): shown as such. */
  readonly demo: boolean;
}

/** Where the marketplace lives on one chain. */
export interface DeploymentRecord {
  readonly deploymentId: string;
  readonly escrow: string;
  readonly registry: string;
  readonly reputation: string;
  /** The governance timelock owning the contracts, or null when an account owns them. */
  readonly timelock: string | null;
  /** Block of the escrow's deployment: where event scans start. */
  readonly deployBlock: number;
  /** The hash of that block, to tell this chain from one restarted or reset since (same chain id, other blocks). */
  readonly deployBlockHash: string;
  readonly tokens: readonly KnownToken[];
}
