import { isKnownPlatform } from "../services/calendar/calendar.service";
import type { SyncFeedResult } from "../services/calendar/calendar.service";
import type { Metrics } from "./registry";

/** Counts a finished sync and observes its fetch time. Providers are labelled by platform, other hosts as « autre » (bounded labels). */
export function recordSyncMetrics(metrics: Metrics, result: SyncFeedResult, providerKey: string): void {
  metrics.syncs.inc({ outcome: result.outcome, error_type: result.errorType ?? "" });
  metrics.fetchDuration.observe(
    { provider: isKnownPlatform(providerKey) ? providerKey : "autre" },
    result.run.durationMs / 1000,
  );
}
