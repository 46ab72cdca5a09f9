import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,sim,scripts,app,components,test}/**/*.test.ts"],
    exclude: ["node_modules", ".next", ".data", "e2e"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two at a time suits a 2-core machine.
    pool: "forks",
    maxWorkers: 2,
  },
});
