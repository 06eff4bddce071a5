import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { FeedFetcher } from "../services/calendar/fetch/feed-fetcher";
import type { FeedBodyReader } from "../services/calendar/ical/feed-body-reader";
import { claimProbeFeed } from "../services/calendar/sync/feed-lease";
import { syncFeed } from "../services/calendar/sync/sync-feed";
import { claimDueProbe } from "../services/incidents/incident.service";
import { recordProbeResult } from "../services/alerting/alerting.service";
import { describeSyncErrorType } from "../shared/sync-error-types";
import { getConfig } from "../config";

/**
 * The half-open state of each provider breaker: for every open incident whose probe is due (one worker takes
 * it, SKIP LOCKED), sync one real feed of the provider and report the result to the alerting policy, which
 * resolves the incident after enough successes in a row. Returns how many probes ran.
 */
export async function runDueProbes(options: {
  db: Database;
  fetcher: FeedFetcher;
  workerId: string;
  logger: Logger;
  leaseMs: number;
  bodyReader?: FeedBodyReader;
}): Promise<number> {
  const { db, fetcher, workerId, logger, leaseMs, bodyReader } = options;
  if (!getConfig().incidents.enabled) return 0;
  const owner = `${workerId}:probe`;
  let probes = 0;
  for (;;) {
    const incident = await claimDueProbe(db, owner, leaseMs);
    if (!incident) return probes;
    probes++;
    let succeeded = false;
    let detail = "aucun calendrier de ce fournisseur n'était libre pour le test";
    const feedId = await claimProbeFeed(db, incident.providerKey, owner, leaseMs);
    if (feedId) {
      try {
        const result = await syncFeed(feedId, { db, fetcher, leaseOwner: owner, leaseMs, bodyReader });
        succeeded = result.outcome !== "failure";
        const status = result.run.httpStatus !== null ? ` (HTTP ${result.run.httpStatus})` : "";
        detail = succeeded ? `calendrier téléchargé${status}` : `${describeSyncErrorType(result.errorType ?? "UNEXPECTED_ERROR").label}${status}`;
      } catch (error) {
        detail = "le test n'a pas pu être enregistré";
        logger.warn({ err: error, incidentId: incident.id, feedId }, "provider probe failed to record");
      }
    }
    const { resolved } = await recordProbeResult(incident.id, owner, { succeeded, detail }, { db });
    logger.info({ incidentId: incident.id, providerKey: incident.providerKey, succeeded, resolved }, "provider probe");
  }
}
