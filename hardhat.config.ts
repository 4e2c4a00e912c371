import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download compilers on these machines: the exact solc pinned in package.json is used,
// run as WebAssembly (a non-binary path is treated as solc-js).
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "prague",
    },
  },
  test: {
    solidity: {
      fuzz: { runs: 512 },
      invariant: { runs: 128, depth: 128, failOnRevert: false },
    },
    mocha: { timeout: 120_000 },
  },
  coverage: {
    // Test-only and demo contracts are not part of the protocol.
    skipFiles: ["contracts/test/**", "contracts/demo/**"],
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});
