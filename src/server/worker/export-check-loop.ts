import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { getConfig } from "../config";
import { systemContext } from "../service-context";
import { checkExportLinks } from "../services/exports/exports.service";
import { sleep } from "./sleep";

/** A minute, or a tenth of EXPORT_STALE_HOURS when that is shorter (the demo's few minutes). */
export const exportCheckIntervalMs = (staleHours: number): number =>
  Math.max(5_000, Math.min(60_000, (staleHours * 3_600_000) / 10));

/**
 * Looks at the export links until the signal aborts: links gone unread are counted on their listing's alert,
 * escalated, settled (checkExportLinks). Several workers run it at once; each link is counted by one of them.
 */
export async function runExportCheckLoop(options: {
  db: Database;
  logger: Logger;
  signal: AbortSignal;
}): Promise<void> {
  const { db, logger, signal } = options;
  const everyMs = exportCheckIntervalMs(getConfig().exports.staleHours);
  while (!signal.aborted) {
    try {
      const result = await checkExportLinks(systemContext(db));
      if (result.stale + result.escalated + result.settled > 0) logger.info(result, "export links: reads checked");
    } catch (error) {
      logger.error({ err: error }, "export check failed");
    }
    await sleep(everyMs, signal);
  }
}
