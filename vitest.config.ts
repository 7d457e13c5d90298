import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// Two projects: fast unit tests, and integration tests that each get a fresh database
// (a unique database on DATABASE_URL's server when it is set, else an in-memory PGlite).
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    // Rate-limit counters of this run only: tests use fixed addresses (a recipient's email budget,
    // sign-in bursts), and counters left in a shared Redis by an earlier run would count here.
    env: { RATE_LIMIT_PREFIX: `pb:rl:test-${randomBytes(4).toString("hex")}` },
    reporters: process.env.CI ? ["default"] : ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}", "tests/emails/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/setup-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
