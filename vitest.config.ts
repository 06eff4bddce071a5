import path from "node:path";
import { defineConfig } from "vitest/config";

const onPostgres = process.env.TEST_DB === "pg";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // Pure unit tests need no database: on PostgreSQL only the integration tests are run again.
    exclude: onPostgres ? ["tests/unit/**"] : [],
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
