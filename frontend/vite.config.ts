/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

import { malformedUrlFallback } from "./server/malformed-url-fallback.ts";

export default defineConfig({
  plugins: [react(), tailwindcss(), malformedUrlFallback()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  build: {
    target: "es2022",
    manifest: true,
    sourcemap: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        advancedChunks: {
          // viem's contract-call code (the call action, the bytecode of its deployless calls and what they import) as
          // one chunk instead of scattered over many small shared chunks: the browse page's first load went from
          // 220.1 KB gzip in 33 scripts to 217.1 KB in 27 (npm run bundle:budget).
          groups: [{ name: "viem-call", test: /node_modules[\\/]viem[\\/]_esm[\\/](actions[\\/]public[\\/]call|constants[\\/]contracts)\.js$/ }],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}", "server/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
