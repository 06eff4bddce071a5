import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getConfig } from "../../../config";
import type { FeedBodyReader } from "./feed-body-reader";
import { createParsePool } from "./parse-pool";

const store = globalThis as unknown as { __feedBodyReader?: FeedBodyReader };

/** The compiled thread entry in production (npm run build writes dist/parse-thread.mjs), else the TypeScript source under tsx. */
function parseThreadEntry(): { entry: URL; typescript: boolean } {
  const compiled = path.join(process.cwd(), "dist", "parse-thread.mjs");
  if (getConfig().env === "production" && existsSync(compiled))
    return { entry: pathToFileURL(compiled), typescript: false };
  return {
    entry: pathToFileURL(path.join(process.cwd(), "src/server/services/calendar/ical/parse-thread.ts")),
    typescript: true,
  };
}

/**
 * The app's parse threads: a host's link check and a manual sync never parse a feed with recurrences, or a large one,
 * on the thread that answers every other request (a 24 KB recurrence bomb once held it for 30 s).
 */
export function getDefaultBodyReader(): FeedBodyReader {
  const { worker } = getConfig();
  store.__feedBodyReader ??= createParsePool({
    ...parseThreadEntry(),
    threads: Math.max(1, worker.parseThreads),
    thresholdBytes: Math.max(1, worker.parseOffThreadBytes),
    timeLimitMs: worker.parseTimeLimitMs,
  });
  return store.__feedBodyReader;
}
