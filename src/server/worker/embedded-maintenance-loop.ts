import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { maintainEmbeddedDatabase } from "../db/maintain-embedded";
import { sleep } from "./sleep";

/** How often the loop reads the tables' dead rows, as autovacuum's launcher does by default. */
const EMBEDDED_MAINTENANCE_CHECK_MS = 60_000;

/**
 * On the embedded database only (PGlite has no autovacuum and no checkpointer that would keep its data directory from
 * growing): every minute, vacuums the churning tables whose dead rows passed the threshold, and checkpoints at least
 * every `checkpointAfterMs` (EMBEDDED_MAINTENANCE_MINUTES). Several workers on one embedded database each run it; a
 * look that finds nothing to do is three small reads (flush the statistics, read them, read the WAL position).
 */
export async function runEmbeddedMaintenanceLoop(options: {
  db: Database;
  logger: Logger;
  signal: AbortSignal;
  checkpointAfterMs: number;
  checkEveryMs?: number;
}): Promise<void> {
  const { db, logger, signal } = options;
  const checkEveryMs = options.checkEveryMs ?? EMBEDDED_MAINTENANCE_CHECK_MS;
  while (!signal.aborted) {
    await sleep(checkEveryMs, signal);
    if (signal.aborted) break;
    try {
      const report = await maintainEmbeddedDatabase(db, { checkpointAfterMs: options.checkpointAfterMs });
      if (report.vacuumed.length > 0 || report.checkpointed)
        logger.info(
          { ...report, ms: Object.values(report.took).reduce((sum, ms) => sum + ms, 0) },
          "embedded database: vacuumed and checkpointed",
        );
    } catch (error) {
      logger.error({ err: error }, "embedded database maintenance failed");
    }
  }
}
