import type { SyncErrorType } from "../shared/sync-error-types";

/** What a scheduler run did: syncs recorded, failures by type, warnings, probes run. */
export interface SyncSummary {
  synced: number;
  failed: number;
  failuresByType: Partial<Record<SyncErrorType, number>>;
  warnings: number;
  probes: number;
}

export const emptySyncSummary = (): SyncSummary => ({
  synced: 0,
  failed: 0,
  failuresByType: {},
  warnings: 0,
  probes: 0,
});

/** Counts one sync's outcome; a sync that could not be recorded counts as an UNEXPECTED_ERROR failure. */
export function countSync(
  summary: SyncSummary,
  outcome: { outcome: string; errorType: SyncErrorType | null } | "unrecorded",
): void {
  if (outcome !== "unrecorded" && outcome.outcome !== "failure") {
    summary.synced++;
    if (outcome.outcome === "warning") summary.warnings++;
    return;
  }
  const type = outcome === "unrecorded" ? "UNEXPECTED_ERROR" : (outcome.errorType ?? "UNEXPECTED_ERROR");
  summary.failed++;
  summary.failuresByType[type] = (summary.failuresByType[type] ?? 0) + 1;
}
