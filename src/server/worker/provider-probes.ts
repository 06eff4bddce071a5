import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { FeedFetcher } from "../services/calendar/calendar.service";
import type { FeedBodyReader } from "../services/calendar/calendar.service";
import { claimProbeFeed } from "../services/calendar/calendar.service";
import { syncFeed } from "../services/calendar/calendar.service";
import { claimDueProbe, type ProbeOutcome } from "../services/incidents/incidents.service";
import { recordProbeResult } from "../services/alerting/alerting.service";
import { describeSyncErrorType, HOST_FIXABLE_TYPES, isProviderFailure } from "../shared/sync-error-types";
import { getConfig } from "../config";
import { systemContext } from "../service-context";

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
  const ctx = systemContext(db);
  let probes = 0;
  for (;;) {
    const incident = await claimDueProbe(ctx, { owner, leaseMs });
    if (!incident) return probes;
    probes++;
    let outcome: ProbeOutcome = "failed";
    let detail = "aucun calendrier de ce fournisseur n'était libre pour le test";
    const probed = await claimProbeFeed(ctx, {
      providerKey: incident.providerKey,
      owner,
      leaseMs,
      avoidOwnerId: incident.lastProbeOwnerId,
      hostErrors: HOST_FIXABLE_TYPES,
    });
    if (probed) {
      try {
        const result = await syncFeed(ctx, { feedId: probed.feedId, fetcher, leaseOwner: owner, leaseMs, bodyReader });
        outcome =
          result.outcome !== "failure" ? "succeeded" : isProviderFailure(result.errorType) ? "failed" : "inconclusive";
        const status = result.run.httpStatus !== null ? ` (HTTP ${result.run.httpStatus})` : "";
        detail =
          outcome === "succeeded"
            ? `calendrier téléchargé${status}`
            : `${describeSyncErrorType(result.errorType ?? "UNEXPECTED_ERROR").label}${status}`;
      } catch (error) {
        detail = "le test n'a pas pu être enregistré";
        logger.warn({ err: error, incidentId: incident.id, feedId: probed.feedId }, "provider probe failed to record");
      }
    }
    const { resolved } = await recordProbeResult(ctx, {
      incidentId: incident.id,
      owner,
      probe: { outcome, feedOwnerId: probed?.ownerId ?? null, detail },
    });
    logger.info({ incidentId: incident.id, providerKey: incident.providerKey, outcome, resolved }, "provider probe");
  }
}
