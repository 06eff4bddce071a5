import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn as at, timestamps } from "./columns";
import { users } from "./users";

export const INCIDENT_STATUSES = ["open", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const incidentStatus = pgEnum("incident_status", INCIDENT_STATUSES);

/**
 * A provider outage: many feeds of one provider failing at once. While open, its feeds are not fetched (one probe
 * at a time), and the escalations of its listings' alerts are held back.
 */
export const providerIncidents = pgTable(
  "provider_incidents",
  {
    id: idColumn(),
    providerKey: text("provider_key").notNull(),
    /** "import": the provider's feeds fail (probed by the worker); "export": its importer stopped reading our links. */
    direction: text("direction").$type<"import" | "export">().notNull().default("import"),
    status: incidentStatus("status").notNull().default("open"),
    openedAt: at("opened_at").notNull(),
    resolvedAt: at("resolved_at"),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    /** "probes" when the provider answered again, "manual" when support closed it. */
    resolution: text("resolution"),
    /** What the window before opening showed: error types with counts, feeds and listings failing, feeds synced. */
    errorCounts: jsonb("error_counts").$type<Record<string, number>>().notNull().default({}),
    feedsFailing: integer("feeds_failing").notNull(),
    listingsFailing: integer("listings_failing").notNull(),
    feedsSynced: integer("feeds_synced").notNull(),
    /** The breaker: when the next probe is due, who runs it, and how many probes in a row succeeded. */
    nextProbeAt: at("next_probe_at").notNull(),
    probeOwner: text("probe_owner"),
    probeUntil: at("probe_until"),
    consecutiveProbeSuccesses: integer("consecutive_probe_successes").notNull().default(0),
    /** Owners whose feeds the successes in a row came from: recovery needs two (one host's feed proves nothing). */
    probeSuccessOwnerIds: text("probe_success_owner_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The owner of the feed probed last: the next probe takes another owner's feed when there is one. */
    lastProbeOwnerId: text("last_probe_owner_id"),
    ...timestamps,
  },
  (t) => [
    // One open incident per provider, enforced by the database as for alerts.
    uniqueIndex("provider_incidents_one_open_per_provider")
      .on(t.providerKey)
      .where(sql`${t.status} = 'open'`),
    index("provider_incidents_history_idx").on(t.openedAt, t.id),
    index("provider_incidents_provider_idx").on(t.providerKey, t.resolvedAt),
    index("provider_incidents_due_probe_idx")
      .on(t.nextProbeAt)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const INCIDENT_EVENT_KINDS = [
  "opened",
  "probe_failed",
  "probe_succeeded",
  "probe_inconclusive",
  "resolved",
] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number];

/** The incident's timeline: opened, each probe, resolved. */
export const providerIncidentEvents = pgTable(
  "provider_incident_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => providerIncidents.id, { onDelete: "cascade" }),
    kind: text("kind").$type<IncidentEventKind>().notNull(),
    at: at("at").notNull(),
    detail: text("detail"),
  },
  (t) => [index("provider_incident_events_incident_idx").on(t.incidentId, t.at)],
);

export type ProviderIncident = typeof providerIncidents.$inferSelect;
export type ProviderIncidentEvent = typeof providerIncidentEvents.$inferSelect;
