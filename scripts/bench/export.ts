// npm run bench:export: the history's CSV export (GET /api/admin/alerts/calendar-sync/export, through the service
// behind it) over 10,000 and then 100,000 alerts on PostgreSQL: rows per second, and the process's memory while the
// stream is read to its end. The 10,000-row export is the baseline measured in the same run: memory stays flat when
// ten times the rows need no more memory.
import { sql } from "drizzle-orm";
import { runMain } from "../lib";
import { machineDescription, openPostgres } from "./engines";
import { seedAlertHistory, seedBenchListings } from "./seed-alerts";
import { exportAlertsCsv } from "../../src/server/services/read-models/export-alerts-csv";

const VIEWER = { id: "bench", role: "support", name: "Benchmark", email: "bench@example.com" } as const;
const SIZES = [10_000, Number(process.env.BENCH_EXPORT_ROWS ?? 100_000)];
const MiB = 2 ** 20;

interface ExportRun {
  rows: number;
  seconds: number;
  bytes: number;
  peakHeapMiB: number;
  peakRssMiB: number;
  heapBeforeMiB: number;
}

async function exportOnce(db: Parameters<typeof exportAlertsCsv>[0]["db"], expectedRows: number): Promise<ExportRun> {
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 20);
  const started = performance.now();
  const reader = (await exportAlertsCsv({ db, actor: VIEWER }, { status: "all" })).getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 0x0a) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  // Header line, then one line per alert (their messages hold no line break).
  if (lines - 1 !== expectedRows) throw new Error(`exported ${lines - 1} rows, expected ${expectedRows}`);
  return {
    rows: expectedRows,
    seconds,
    bytes,
    peakHeapMiB: peakHeap / MiB,
    peakRssMiB: peakRss / MiB,
    heapBeforeMiB: before.heapUsed / MiB,
  };
}

runMain(async () => {
  console.log(`# bench:export — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; PostgreSQL on 127.0.0.1; ${global.gc ? "GC before each export" : "run with --expose-gc for a GC before each export"}\n`,
  );
  const runs: ExportRun[] = [];
  for (const size of SIZES) {
    const engine = await openPostgres(4);
    try {
      const listings = await seedBenchListings(engine.db, 1_000);
      await seedAlertHistory(engine.db, listings.length, size, 0);
      await engine.db.execute(sql`vacuum analyze calendar_sync_alerts`);
      await exportOnce(engine.db, size); // warm-up: prepared statements, JIT
      const run = await exportOnce(engine.db, size);
      runs.push(run);
      console.log(
        `${size.toLocaleString("en").padStart(7)} rows: ${(run.rows / run.seconds).toFixed(0)} rows/s, ${(run.bytes / MiB).toFixed(1)} MiB of CSV; ` +
          `heap ${run.heapBeforeMiB.toFixed(0)} MiB before, peak ${run.peakHeapMiB.toFixed(0)} MiB (+${(run.peakHeapMiB - run.heapBeforeMiB).toFixed(0)}); peak RSS ${run.peakRssMiB.toFixed(0)} MiB`,
      );
    } finally {
      await engine.close();
    }
  }
  const [small, large] = runs;
  if (small && large) {
    const growth = (run: ExportRun) => Math.max(1, run.peakHeapMiB - run.heapBeforeMiB);
    const ratio = growth(large) / growth(small);
    console.log(
      `\nheap growth while exporting ${large.rows.toLocaleString("en")} rows ÷ ${small.rows.toLocaleString("en")} rows: ${ratio.toFixed(2)} (flat: ≤ 1.5 — ${ratio <= 1.5 ? "met" : "NOT met"}); rows ×${(large.rows / small.rows).toFixed(0)}`,
    );
  }
});
