import { Gauge, type Registry } from "prom-client";
import { sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { queryRows } from "../db/query-rows";
import { getDb } from "../db/client";

// A feed this late is overdue: past its time by more than the worker's idle pause and a claim round.
const OVERDUE_AFTER_SECONDS = 300;

interface Snapshot {
  activeAlerts: number;
  escalatedAlerts: number;
  outboxBacklog: number;
  outboxOldestSeconds: number;
  eventsToFanOut: number;
  openIncidents: number;
  openCertainConflicts: number;
  openProbableConflicts: number;
  overdueFeeds: number;
  oldestOverdueSeconds: number;
}

/** One round trip, each count on a partial or range index: cheap enough for every scrape. */
async function readSnapshot(db: Database): Promise<Snapshot> {
  const [row] = await queryRows<{ [K in keyof Snapshot]: number }>(
    db,
    sql`select
      (select count(*) from calendar_sync_alerts where status = 'active')::int as "activeAlerts",
      (select count(*) from calendar_sync_alerts where status = 'escalated')::int as "escalatedAlerts",
      (select count(*) from email_outbox where status <> 'sent')::int as "outboxBacklog",
      coalesce((select extract(epoch from now() - min(created_at)) from email_outbox where status <> 'sent'), 0)::float8 as "outboxOldestSeconds",
      (select count(*) from notification_events where fanned_out_at is null)::int as "eventsToFanOut",
      (select count(*) from provider_incidents where status = 'open')::int as "openIncidents",
      (select count(*) from booking_conflicts where status = 'open' and certainty = 'certain')::int as "openCertainConflicts",
      (select count(*) from booking_conflicts where status = 'open' and certainty = 'probable')::int as "openProbableConflicts",
      (select count(*) from calendar_feeds where paused_at is null and next_sync_at < now() - make_interval(secs => ${OVERDUE_AFTER_SECONDS}))::int as "overdueFeeds",
      coalesce((select extract(epoch from now() - min(next_sync_at)) from calendar_feeds where paused_at is null and next_sync_at < now()), 0)::float8 as "oldestOverdueSeconds"`,
  );
  return {
    activeAlerts: Number(row!.activeAlerts),
    escalatedAlerts: Number(row!.escalatedAlerts),
    outboxBacklog: Number(row!.outboxBacklog),
    outboxOldestSeconds: Number(row!.outboxOldestSeconds),
    eventsToFanOut: Number(row!.eventsToFanOut),
    openIncidents: Number(row!.openIncidents),
    openCertainConflicts: Number(row!.openCertainConflicts),
    openProbableConflicts: Number(row!.openProbableConflicts),
    overdueFeeds: Number(row!.overdueFeeds),
    oldestOverdueSeconds: Number(row!.oldestOverdueSeconds),
  };
}

interface DatabaseGauges {
  openAlerts: Gauge<"status">;
  outboxBacklog: Gauge;
  outboxOldest: Gauge;
  eventsToFanOut: Gauge;
  openIncidents: Gauge;
  openConflicts: Gauge<"certainty">;
  overdueFeeds: Gauge;
  oldestOverdue: Gauge;
}

const gaugesByRegistry = new WeakMap<Registry, DatabaseGauges>();

function gaugesOf(registry: Registry): DatabaseGauges {
  let gauges = gaugesByRegistry.get(registry);
  if (!gauges) {
    const registers = [registry];
    gauges = {
      openAlerts: new Gauge({
        name: "calendar_sync_alerts_open",
        help: "Open calendar-sync alerts by status.",
        labelNames: ["status"],
        registers,
      }),
      outboxBacklog: new Gauge({ name: "email_outbox_backlog", help: "E-mails queued and not yet sent.", registers }),
      outboxOldest: new Gauge({
        name: "email_outbox_oldest_age_seconds",
        help: "Age of the oldest e-mail not yet sent (0 when none).",
        registers,
      }),
      eventsToFanOut: new Gauge({
        name: "notification_events_unfanned",
        help: "Events recorded and not yet turned into e-mails and deliveries (the worker does it every turn).",
        registers,
      }),
      openIncidents: new Gauge({ name: "provider_incidents_open", help: "Provider incidents open now.", registers }),
      openConflicts: new Gauge({
        name: "booking_conflicts_open",
        help: "Double bookings open now, by certainty.",
        labelNames: ["certainty"],
        registers,
      }),
      overdueFeeds: new Gauge({
        name: "calendar_feeds_overdue",
        help: `Feeds past their sync time by more than ${OVERDUE_AFTER_SECONDS} s (a provider under incident holds its feeds back).`,
        registers,
      }),
      oldestOverdue: new Gauge({
        name: "calendar_feeds_oldest_overdue_seconds",
        help: "How far past its sync time the most overdue feed is (0 when none).",
        registers,
      }),
    };
    gaugesByRegistry.set(registry, gauges);
  }
  return gauges;
}

/** Platform-wide figures, read from the database in one query just before a scrape renders (GET /api/metrics). */
export async function updateDatabaseGauges(registry: Registry, db?: Database): Promise<void> {
  const gauges = gaugesOf(registry);
  const snapshot = await readSnapshot(db ?? (await getDb()));
  gauges.openAlerts.set({ status: "active" }, snapshot.activeAlerts);
  gauges.openAlerts.set({ status: "escalated" }, snapshot.escalatedAlerts);
  gauges.outboxBacklog.set(snapshot.outboxBacklog);
  gauges.outboxOldest.set(snapshot.outboxOldestSeconds);
  gauges.eventsToFanOut.set(snapshot.eventsToFanOut);
  gauges.openIncidents.set(snapshot.openIncidents);
  gauges.openConflicts.set({ certainty: "certain" }, snapshot.openCertainConflicts);
  gauges.openConflicts.set({ certainty: "probable" }, snapshot.openProbableConflicts);
  gauges.overdueFeeds.set(snapshot.overdueFeeds);
  gauges.oldestOverdue.set(snapshot.oldestOverdueSeconds);
}
