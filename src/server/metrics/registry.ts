import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** The process's Prometheus registry and the instruments the worker records into. */
export interface Metrics {
  registry: Registry;
  syncs: Counter<"outcome" | "error_type">;
  fetchDuration: Histogram<"provider">;
  leaseTakeovers: Counter;
  retentionDeleted: Counter<"table">;
}

// Kept on globalThis: Next.js may load a route's module more than once, and a registry must exist once.
const globalStore = globalThis as unknown as { __calendarSyncMetrics?: Metrics };

export function getMetrics(): Metrics {
  if (globalStore.__calendarSyncMetrics) return globalStore.__calendarSyncMetrics;
  const registry = new Registry();
  // Process figures, event-loop lag among them (nodejs_eventloop_lag_seconds and its percentiles).
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    syncs: new Counter({
      name: "calendar_syncs_total",
      help: "Feed syncs by outcome (success, unchanged, warning, failure) and error type (empty unless a failure or warning).",
      labelNames: ["outcome", "error_type"],
      registers: [registry],
    }),
    fetchDuration: new Histogram({
      name: "calendar_fetch_duration_seconds",
      help: "Time to download and read a feed, by provider (a known platform, else « autre »).",
      labelNames: ["provider"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30],
      registers: [registry],
    }),
    leaseTakeovers: new Counter({
      name: "calendar_lease_takeovers_total",
      help: "Syncs whose outcome was discarded because another worker took the feed over after the lease expired.",
      registers: [registry],
    }),
    retentionDeleted: new Counter({
      name: "retention_deleted_rows_total",
      help: "Rows deleted by the retention loop, by table.",
      labelNames: ["table"],
      registers: [registry],
    }),
  };
  globalStore.__calendarSyncMetrics = metrics;
  return metrics;
}
