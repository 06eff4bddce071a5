import type { SyncOutcome } from "../../../db/schema";

const MINUTE_MS = 60_000;

/** ±10 % so feeds added together do not all come due on the same second. */
function jitter(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

/**
 * Success: the regular interval. Failure: retry sooner, 1, 2, 4… minutes, capped at the interval;
 * a 429's Retry-After is honoured when longer.
 */
export function nextSyncAt(
  now: Date,
  outcome: SyncOutcome,
  consecutiveFailures: number,
  intervalMinutes: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): Date {
  const intervalMs = intervalMinutes * MINUTE_MS;
  if (outcome !== "failure") return new Date(now.getTime() + jitter(intervalMs, random));
  const backoff = Math.min(2 ** Math.max(0, consecutiveFailures - 1) * MINUTE_MS, intervalMs);
  const delay = Math.max(jitter(backoff, random), (retryAfterSeconds ?? 0) * 1000);
  return new Date(now.getTime() + delay);
}
