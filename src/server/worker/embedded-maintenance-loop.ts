import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { maintainEmbeddedDatabase } from "../db/maintain-embedded";
import { sleep } from "./sleep";

/**
 * On the embedded database only (PGlite has no autovacuum and no background checkpointer that would keep its data
 * directory from growing): vacuums the churning tables and checkpoints every `intervalMs` (EMBEDDED_MAINTENANCE_MINUTES).
 * Several workers on one embedded database each run it; a VACUUM finding nothing to do is cheap.
 */
export async function runEmbeddedMaintenanceLoop(options: { db: Database; logger: Logger; signal: AbortSignal; intervalMs: number }): Promise<void> {
  const { db, logger, signal } = options;
  await sleep(Math.min(options.intervalMs, 60_000), signal);
  while (!signal.aborted) {
    try {
      const took = await maintainEmbeddedDatabase(db);
      logger.info({ ms: Object.values(took).reduce((sum, ms) => sum + ms, 0), took }, "embedded database: vacuumed and checkpointed");
    } catch (error) {
      logger.error({ err: error }, "embedded database maintenance failed");
    }
    await sleep(options.intervalMs, signal);
  }
}
