import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download compilers on these machines: the exact solc pinned in package.json is used,
// run as WebAssembly (a non-binary path is treated as solc-js).
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  // Tests of the deployment scripts point Ignition at a temporary folder so that they never touch real deployments.
  paths: { ignition: process.env.SOUK_IGNITION_DIR ?? "ignition" },
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
      invariant: { runs: 16, depth: 512, failOnRevert: true },
    },
    mocha: { timeout: 120_000 },
  },
  coverage: {
    // Test-only and demo contracts are not part of the protocol.
    skipFiles: ["contracts/test/**", "contracts/demo/**"],
  },
  networks: {
    // `npm start` runs a node here (chain 31337).
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // Public testnets: the RPC URL and the deployer's key come from Hardhat's keystore
    // (`npx hardhat keystore set SEPOLIA_RPC_URL`) or from environment variables of the same name; never from files.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("BASE_SEPOLIA_PRIVATE_KEY")],
    },
    // A stand-in for a testnet: any node reachable at REHEARSAL_RPC_URL (the tests start one with another chain id).
    rehearsal: {
      type: "http",
      chainType: "l1",
      url: configVariable("REHEARSAL_RPC_URL"),
      accounts: [configVariable("REHEARSAL_PRIVATE_KEY")],
    },
  },
  verify: {
    // Used by `npm run deploy -- --network <name> --verify`.
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
