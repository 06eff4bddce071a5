import path from "node:path";
import { defineConfig } from "vitest/config";

const onPostgres = process.env.TEST_DB === "pg";

// Integration tests that never reach the engine under test: the embedded server's own (PGlite behind its wire server),
// the command-line scripts (each on a PGlite directory of its own), the fetcher and the parse pool. Run once, on PGlite:
// run again by test:pg they would only repeat themselves beside it (the scripts' alone took 125 s of both suites' CPU).
const ENGINE_INDEPENDENT = [
  "tests/integration/cli.int.test.ts",
  "tests/integration/embedded-server-protocol.int.test.ts",
  "tests/integration/embedded-password.int.test.ts",
  "tests/integration/parse-pool.int.test.ts",
  "tests/integration/feed-fetcher.int.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // Pure unit tests need no database: on PostgreSQL only the integration tests that reach it are run again.
    exclude: onPostgres ? ["tests/unit/**", ...ENGINE_INDEPENDENT] : [],
    globalSetup: ["tests/helpers/pglite-template.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      NEXTAUTH_SECRET: "test-secret-not-for-production",
      NEXTAUTH_URL: "http://localhost:3000",
      LOG_LEVEL: "silent",
      APP_ENCRYPTION_KEY: "dGVzdC1rZXktMzItYnl0ZXMtbG9uZy1mb3ItdGVzdHM=",
      CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1,localhost,127.0.0.20,127.0.0.21,127.0.0.22",
      METRICS_TOKEN: "test-metrics-token",
    },
  },
});
