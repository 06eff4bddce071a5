// The baseline of npm run bench:sync, run as its own process like the worker: the same fetcher and parser over
// the same feed URLs at the same concurrency, with no database. A full pass, then a conditional one (If-None-Match).
// Usage: tsx scripts/bench/bare-fetch-parse.ts <file with one URL per line> <concurrency> [--full-only]
import { readFileSync } from "node:fs";
import { getConfig } from "../../src/server/config";
import { createFeedFetcher, type FetchResult } from "../../src/server/services/calendar/fetch/feed-fetcher";
import { parseIcal } from "../../src/server/services/calendar/ical/parse-ical";
import { runMain } from "../lib";
import { runConcurrently } from "./engines";

runMain(async () => {
  const [file, concurrencyArg, mode] = process.argv.slice(2);
  const urls = readFileSync(file!, "utf8").split("\n").filter(Boolean);
  const concurrency = Number(concurrencyArg);
  const config = getConfig();
  const fetcher = createFeedFetcher(config.fetch);
  const etags = new Array<string | null>(urls.length).fill(null);
  let failures = 0;
  const syncOnce = async (index: number, conditional: boolean) => {
    let result: FetchResult;
    try {
      result = await fetcher.fetch(urls[index]!, conditional ? { etag: etags[index] } : {});
    } catch {
      failures++;
      return;
    }
    if (result.kind === "not-modified") return;
    etags[index] = result.etag;
    parseIcal(result.body, { now: new Date(), horizonMonths: config.sync.horizonMonths });
  };
  const cpuBefore = process.cpuUsage();
  const full = await runConcurrently(urls.length, concurrency, (index) => syncOnce(index, false));
  const fullCpu = process.cpuUsage(cpuBefore);
  const conditionalCpuBefore = process.cpuUsage();
  const conditional =
    mode === "--full-only" ? 0 : await runConcurrently(urls.length, concurrency, (index) => syncOnce(index, true));
  const conditionalCpu = process.cpuUsage(conditionalCpuBefore);
  await fetcher.close();
  console.log(
    JSON.stringify({
      full,
      conditional,
      failures,
      fullCpuSeconds: (fullCpu.user + fullCpu.system) / 1e6,
      conditionalCpuSeconds: (conditionalCpu.user + conditionalCpu.system) / 1e6,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
});
