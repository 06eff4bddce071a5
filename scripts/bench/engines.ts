import os from "node:os";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { schema, type Database } from "../../src/server/db/database";
import { connectPostgres } from "../../src/server/db/connect";
import { migratePgliteInstance } from "../../src/server/db/migrate";
import { createScratchDatabase } from "../../src/server/db/scratch-database";

export interface BenchEngine {
  label: string;
  db: Database;
  /** PostgreSQL connection string (PostgreSQL engines only). */
  url?: string;
  close(): Promise<void>;
}

const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function openPglite(): Promise<BenchEngine> {
  const instance = await PGlite.create();
  await migratePgliteInstance(instance);
  return {
    label: "PGlite (in-process, in memory)",
    db: drizzle(instance, { schema }) as unknown as Database,
    close: () => instance.close(),
  };
}

export async function openPostgres(poolSize: number): Promise<BenchEngine> {
  const scratch = await createScratchDatabase(BENCH_DATABASE_URL, "csa_bench");
  const handle = connectPostgres(scratch.url, poolSize);
  return {
    label: `PostgreSQL (${new URL(scratch.url).host}, pool ${poolSize})`,
    db: handle.db,
    url: scratch.url,
    async close() {
      await handle.close();
      await scratch.drop();
    },
  };
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

/** Runs `total` calls of fn over `concurrency` callers; returns calls per second. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  fn: (index: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < total; index = next++) await fn(index);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}
