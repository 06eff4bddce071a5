import path from "node:path";
import { defineConfig } from "vitest/config";

// A newcomer's first minutes (npm run test:first-run): the real `npm run dev` on a fresh data directory, driven by
// Chromium at 127.0.0.1 and localhost, its e-mails read at the end. FIRST_RUN_MINUTES (15) sets how long it watches.
const minutes = Number(process.env.FIRST_RUN_MINUTES ?? 15);

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: ["tests/first-run/**/*.spec.ts"],
    fileParallelism: false,
    testTimeout: (minutes + 5) * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
