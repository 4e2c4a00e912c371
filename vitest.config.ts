import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // test/** belongs to Hardhat's Mocha runner.
    include: ["scripts/**/*.test.ts", "sdk/**/*.test.ts", "indexer/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
