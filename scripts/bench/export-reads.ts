// npm run bench:export-reads: what recording the export links' reads costs, on PostgreSQL. 10,000 links (BENCH_LINKS)
// read as Airbnb reads them, every 2 hours, over 6 simulated hours, a quarter of the reads repeated 20 s later and
// one in twenty 70 s later (importers retry). Each read goes through serveExport, its clock injected. Baseline, in the
// same run: the same reads' lookup alone (readExportCalendar), which records nothing. Prints the writes per read, the
// most writes of one link in a minute, the shortest gap between two writes of one link, and the ratio of time.
import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { runMain } from "../lib";
import { machineDescription, openPostgres, percentile } from "./engines";
import { seedBenchListings } from "./seed-alerts";

const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const HOUR = 3_600_000;
const T0 = Date.parse("2027-01-04T00:00:00Z");

runMain(async () => {
  process.env.APP_ENCRYPTION_KEY ||= "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=";
  const { encryptSecret } = await import("../../src/server/crypto/secret-box");
  const { getConfig } = await import("../../src/server/config");
  const { serveExport, readExportCalendar, hashExportToken } =
    await import("../../src/server/services/exports/exports.service");
  const { systemContext } = await import("../../src/server/service-context");
  console.log(`# bench:export-reads — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}; PostgreSQL on 127.0.0.1, ${CONCURRENCY} readers at once`);
  const engine = await openPostgres(CONCURRENCY + 2);
  try {
    const listings = await seedBenchListings(engine.db, LINKS);
    const tokens = listings.map(() => randomBytes(32).toString("base64url"));
    const key = getConfig().encryptionKey;
    for (let start = 0; start < LINKS; start += 2_000) {
      const rows = tokens.slice(start, start + 2_000).map((token, offset) => ({
        id: `bench-link-${start + offset}`,
        listing_id: listings[start + offset],
        token_hash: createHash("sha256").update(token).digest("hex"),
        token_ciphertext: encryptSecret(token, key),
      }));
      await engine.db.execute(sql`insert into export_links (id, listing_id, destination, token_hash, token_ciphertext)
        select r.id, r.listing_id, 'airbnb', r.token_hash, r.token_ciphertext
        from json_to_recordset(${JSON.stringify(rows)}::json) as r(id text, listing_id text, token_hash text, token_ciphertext text)`);
    }
    // Each link every 2 hours from its own offset, 3 times; repeats 20 s and 70 s later for some.
    const reads: Array<{ link: number; at: number }> = [];
    for (let link = 0; link < LINKS; link++) {
      const offset = (link / LINKS) * 2 * HOUR;
      for (let round = 0; round < 3; round++) {
        const at = T0 + offset + round * 2 * HOUR;
        reads.push({ link, at });
        if (link % 4 === round % 4) reads.push({ link, at: at + 20_000 });
        if (link % 20 === round) reads.push({ link, at: at + 70_000 });
      }
    }
    reads.sort((a, b) => a.at - b.at);
    const ctx = systemContext(engine.db);

    const timed = async (label: string, one: (read: { link: number; at: number }) => Promise<unknown>) => {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let index = next++; index < reads.length; index = next++) {
            const begin = performance.now();
            await one(reads[index]!);
            latencies.push(performance.now() - begin);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(52)} ${(reads.length / seconds).toFixed(0).padStart(6)} reads/s · p50 ${percentile(latencies, 50).toFixed(2)} ms · p99 ${percentile(latencies, 99).toFixed(2)} ms`,
      );
      return seconds;
    };

    console.log(
      `data: ${LINKS.toLocaleString("en")} links, ${reads.length.toLocaleString("en")} reads over 6 simulated hours\n`,
    );
    const baseline = await timed("baseline: the lookup alone (readExportCalendar)", (read) =>
      readExportCalendar(ctx, { tokenHash: hashExportToken(tokens[read.link]!), now: new Date(read.at) }),
    );
    const served = await timed("serveExport: lookup, ICS, read recorded", (read) =>
      serveExport(ctx, {
        token: tokens[read.link]!,
        ifNoneMatch: null,
        userAgent: "Airbnb/1.0",
        address: "127.0.0.1",
        now: new Date(read.at),
      }),
    );
    const [written] = (
      (await engine.db.execute(sql`select
        (select count(*)::int from export_reads) as writes,
        (select coalesce(max(c), 0)::int from (select count(*) as c from export_reads group by link_id, date_trunc('minute', at)) m) as "maxPerMinute",
        (select extract(epoch from min(gap))::float8 from (select at - lag(at) over (partition by link_id order by at) as gap from export_reads) g) as "minGapSeconds"`)) as unknown as {
        rows: unknown[];
      }
    ).rows as Array<{ writes: number; maxPerMinute: number; minGapSeconds: number }>;
    const writes = Number(written!.writes);
    console.log("");
    console.log(
      `writes: ${writes.toLocaleString("en")} for ${reads.length.toLocaleString("en")} reads (${(writes / reads.length).toFixed(3)} per read; goal: at most one per link per minute)`,
    );
    console.log(
      `most writes of one link within a minute: ${written!.maxPerMinute} (goal ≤ 1: ${written!.maxPerMinute <= 1 ? "met" : "NOT met"}); shortest gap between two writes of one link: ${Number(written!.minGapSeconds).toFixed(0)} s`,
    );
    console.log(
      `at 10,000 links read every 2 hours: ${((LINKS / 7_200) * (writes / (LINKS * 3))).toFixed(2)} writes/s on average (each write: one update of the link and one row of export_reads, in one statement)`,
    );
    console.log(`time with recording ÷ lookup alone: ${(served / baseline).toFixed(2)}`);
  } finally {
    await engine.close();
  }
});
