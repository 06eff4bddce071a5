import { and, desc, eq, gte, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { calendarFeeds, calendarSyncAlerts as alerts, listings, type AlertStatus } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { namedStatementsAllowed } from "../../db/prepared-statement";
import type { Database } from "../../db/database";
import { ValidationError, words } from "../../errors";
import { authorizeReader, authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { snoozedSql } from "../alerts/alerts.service";
import {
  coveringIncident,
  firstUpcomingBooking,
  selectAlertRows,
  toAlertDto,
  type AlertDTO,
  type AlertRow,
} from "../alerts/alerts.service";
import { decodeCursor, encodeCursor, type AlertOrder } from "./alert-cursor";
import { ALERT_STATUS_FILTERS, ListAlertsInput } from "./alert-filters";

export { ALERT_ASSIGNEE_FILTERS, ALERT_STATUS_FILTERS, ListAlertsInput } from "./alert-filters";

export interface AlertCounts {
  /** Open and not snoozed. */
  active: number;
  escalated: number;
  /** Of the open and not snoozed: those an open provider incident covers (« dont 10 sous incident »); status=open only. */
  underIncident?: number;
  /** Of the open and not snoozed: those about an export link no longer read (« dont 3 côté export »); status=open only. */
  exportSide?: number;
  /** Open and snoozed (« En pause »). */
  snoozed: number;
  resolved: number;
}

/** How counts.resolved was obtained: counted, « at least » (the cap), or the planner's estimate for the whole history. */
export type ResolvedCountKind = "exact" | "capped" | "estimated";

export interface AlertPage {
  data: AlertDTO[];
  /** resolvedCountCapped: counts.resolved is not exact (« 1 000+ » or « ≈ 99 700 »); resolvedCount says which. */
  meta: {
    nextCursor: string | null;
    limit: number;
    counts: AlertCounts;
    resolvedCountCapped: boolean;
    resolvedCount: ResolvedCountKind;
  };
}

// Counting past this many resolved alerts scanned an index for every list request (3.7 of its 4.4 ms at 10,000).
export const RESOLVED_COUNT_CAP = 1_000;

// Statuses are written into the SQL, not bound: a prepared statement's generic plan can then use the partial
// indexes (their predicate, status <> 'resolved', cannot be proven from a parameter).
const isStatus = (status: AlertStatus) => sql`${alerts.status} = ${sql.raw(`'${status}'`)}`;
const isOpen = sql`${alerts.status} <> 'resolved'`;
const isSnoozedNow = snoozedSql("calendar_sync_alerts", sql`now()`);
const isAwake = sql`not ${isSnoozedNow}`;

/** The list's open view: open and not snoozed now (the dashboard's list reads the same alerts). */
export const openAndAwake = and(isOpen, isAwake)!;

function statusCondition(status: (typeof ALERT_STATUS_FILTERS)[number]): SQL | undefined {
  if (status === "open") return openAndAwake;
  if (status === "snoozed") return and(isOpen, isSnoozedNow);
  if (status === "all") return undefined;
  if (status === "resolved") return isStatus(status);
  return and(isStatus(status), isAwake);
}

/**
 * What a list request asks, checked, before any SQL: its order, its page, the values its statements bind and the
 * shape of their text. The SQL text depends only on which filters are set (their values are bound): one shape, one
 * text, built once per database and kept (#34: building it took a quarter of a millisecond on every request).
 */
function planAlertList(input: ListAlertsInput, viewerId?: string) {
  const parsed = ListAlertsInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badFilters"), parsed.error.issues);
  const filters = parsed.data;
  const order: AlertOrder =
    filters.sort === "risk"
      ? "risk"
      : filters.status === "resolved" || filters.status === "all"
        ? "recent"
        : "attempts";
  if (filters.assignee === "me" && !viewerId)
    throw new ValidationError(words("myAlertsSignedIn"), [{ path: ["assignee"] }]);
  const cursor = filters.cursor ? decodeCursor(filters.cursor, order) : undefined;
  const offset = cursor?.o === "risk" ? cursor.offset : 0;
  const values: Record<string, unknown> = {
    listingId: filters.listingId,
    q: filters.q,
    pattern: filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined,
    errorType: filters.errorType,
    provider: filters.provider,
    viewerId: filters.assignee === "me" ? viewerId : undefined,
    from: filters.from,
    to: filters.to,
    updatedSince: filters.updatedSince,
    cursorAttempts: cursor?.o === "attempts" ? cursor.a : undefined,
    cursorTime: cursor?.o === "attempts" || cursor?.o === "recent" ? new Date(cursor.t) : undefined,
    cursorId: cursor?.o === "attempts" || cursor?.o === "recent" ? cursor.id : undefined,
    limit: filters.limit + 1,
    offset,
  };
  // « Mes alertes » binds the viewer, « Non assignées » tests for null: two texts, so the assignee filter names its kind
  // (one name for both sent the second's text under the first's prepared statement: a 500, or the wrong rows).
  const scoped = [
    filters.listingId,
    filters.q,
    filters.errorType,
    filters.provider,
    filters.assignee,
    filters.from,
    filters.to,
    filters.updatedSince,
  ].map((value) => (value === undefined ? 0 : 1));
  const shape = [filters.status, order, cursor?.o ?? "", offset > 0 ? 1 : 0, filters.assignee ?? "", ...scoped].join(
    ".",
  );
  return { filters, order, cursor, offset, values, shape, limit: filters.limit, unscoped: !scoped.includes(1) };
}
type AlertListPlan = ReturnType<typeof planAlertList>;

/**
 * The statements of a list shape, every value a placeholder (the plan's `values` fill them): the page with its counts
 * (what listAlerts reads), the counts alone (for an empty page) and the rows alone (the CSV export, which counts nothing).
 */
function buildShape(db: Database, plan: AlertListPlan) {
  const { filters, order, cursor, offset } = plan;
  const value = (name: string) => sql.placeholder(name);
  // A period selects the alerts that had a failure within it.
  const scope = [
    filters.listingId ? eq(alerts.listingId, value("listingId")) : undefined,
    filters.q
      ? inArray(
          alerts.listingId,
          db
            .select({ id: listings.id })
            .from(listings)
            .where(or(eq(listings.id, value("q")), ilike(listings.title, value("pattern")))),
        )
      : undefined,
    filters.errorType ? eq(alerts.errorType, value("errorType")) : undefined,
    filters.provider
      ? inArray(
          alerts.listingId,
          db
            .select({ id: calendarFeeds.listingId })
            .from(calendarFeeds)
            .where(eq(calendarFeeds.providerKey, value("provider"))),
        )
      : undefined,
    filters.assignee === "me"
      ? eq(alerts.assigneeId, value("viewerId"))
      : filters.assignee === "none"
        ? isNull(alerts.assigneeId)
        : undefined,
    filters.from ? gte(alerts.lastFailedAt, value("from")) : undefined,
    filters.to ? lte(alerts.firstFailedAt, value("to")) : undefined,
    filters.updatedSince ? gte(alerts.updatedAt, value("updatedSince")) : undefined,
  ];
  const conditions = [...scope, statusCondition(filters.status)];
  if (cursor?.o === "attempts") {
    conditions.push(
      sql`(${alerts.failedAttempts}, ${alerts.lastFailedAt}, ${alerts.id}) < (${value("cursorAttempts")}, ${value("cursorTime")}, ${value("cursorId")})`,
    );
  }
  if (cursor?.o === "recent")
    conditions.push(sql`(${alerts.lastFailedAt}, ${alerts.id}) < (${value("cursorTime")}, ${value("cursorId")})`);
  const byAttempts = [desc(alerts.failedAttempts), desc(alerts.lastFailedAt), desc(alerts.id)];
  // Open alerts are at most one per listing, so the risk order (computed per alert) pages by offset.
  const orderBy =
    order === "risk"
      ? [sql`${firstUpcomingBooking} asc nulls last`, ...byAttempts]
      : order === "attempts"
        ? byAttempts
        : [desc(alerts.lastFailedAt), desc(alerts.id)];
  // Open alerts are few (at most one per listing): counted exactly through the partial indexes. The history grows
  // without bound: its count stops at RESOLVED_COUNT_CAP, and past it the whole history is the planner's estimate
  // of the table's rows (kept by autovacuum), minus the open ones.
  const open = (status: AlertStatus) => db.$count(alerts, and(...scope, isOpen, isStatus(status), isAwake));
  const snoozed = db.$count(alerts, and(...scope, isOpen, isSnoozedNow));
  // Only the open view (the dashboard) folds alerts under incidents: the other views skip the count.
  const underIncident =
    filters.status === "open"
      ? sql`(${db.$count(alerts, and(...scope, isOpen, isAwake, sql`${coveringIncident} is not null`))})::int`
      : sql`null::int`;
  const exportSide =
    filters.status === "open"
      ? sql`(${db.$count(alerts, and(...scope, isOpen, isAwake, sql`${alerts.errorType} = 'EXPORT_NOT_READ'`))})::int`
      : sql`null::int`;
  const resolvedSample = db
    .select({ one: sql`1` })
    .from(alerts)
    .where(and(...scope, isStatus("resolved")))
    .limit(RESOLVED_COUNT_CAP + 1)
    .as("resolved_sample");
  const countFields = {
    active: sql<number>`(${open("active")})::int`,
    escalated: sql<number>`(${open("escalated")})::int`,
    snoozed: sql<number>`(${snoozed})::int`,
    underIncident: sql<number | null>`${underIncident}`,
    exportSide: sql<number | null>`${exportSide}`,
    resolved: sql<number>`(select count(*) from ${resolvedSample})::int`,
    tableEstimate: sql<number>`(select greatest(reltuples, 0)::float8 from pg_class where oid = 'calendar_sync_alerts'::regclass)`,
  };
  const counts = db.select(countFields).from(sql`(select 1) as one`);
  // The same counts as one JSON column of every row: PostgreSQL computes them once (an uncorrelated subquery), and a
  // page with rows needs no second round trip. An empty page asks the counts statement.
  const pageCounts = sql<PageCounts>`(select json_build_object(${sql.join(
    Object.entries(countFields).map(([name, field]) => sql`${sql.raw(`'${name}'`)}, ${field}`),
    sql`, `,
  )}))`;
  const page = <E extends Record<string, SQL>>(extra: E) =>
    selectAlertRows(db, extra)
      .where(and(...conditions))
      .orderBy(...orderBy)
      .limit(value("limit"))
      .offset(offset > 0 ? value("offset") : 0);
  return { rows: page({ pageCounts }), counts, rowsOnly: page({}) };
}

/**
 * The two statements listAlerts runs for these filters, with the values they bind (exposed so that the benchmark can
 * EXPLAIN exactly them, and a test can check one text per shape). Open alerts come most attempts first, then most
 * recent failure (the dashboard's order); the history (resolved or all) comes newest first.
 */
export function buildAlertListQueries(db: Database, input: ListAlertsInput, viewerId?: string) {
  const plan = planAlertList(input, viewerId);
  return { ...buildShape(db, plan), ...plan };
}

/** The list's counts as its statements read them (resolved: sampled up to the cap; tableEstimate: the planner's rows). */
type PageCounts = {
  active: number;
  escalated: number;
  snoozed: number;
  underIncident: number | null;
  exportSide: number | null;
  resolved: number;
  tableEstimate: number;
};

type ShapeStatements = {
  rows: { execute(values: Record<string, unknown>): Promise<Array<AlertRow & { pageCounts: PageCounts }>> };
  counts: { execute(values: Record<string, unknown>): Promise<Array<Record<string, unknown>>> };
  rowsOnly: { execute(values: Record<string, unknown>): Promise<AlertRow[]> };
};
// Per database (a transaction's handle is its own): each shape's statements, built once.
const shapesByDatabase = new WeakMap<Database, Map<string, ShapeStatements>>();

/** The shape's statements on this database, prepared by name where PostgreSQL allows it (planned once per connection). */
function statementsOf(db: Database, plan: AlertListPlan): ShapeStatements {
  let shapes = shapesByDatabase.get(db);
  if (!shapes) shapesByDatabase.set(db, (shapes = new Map()));
  let statements = shapes.get(plan.shape);
  if (!statements) {
    const { rows, counts, rowsOnly } = buildShape(db, plan);
    // Prepared per connection where PostgreSQL allows it: planning these took longer than running them (1.6 and
    // 0.8 ms against 0.4 and 0.6 ms over 100,000 alerts), on every dashboard refresh. Unnamed elsewhere.
    const named = namedStatementsAllowed(db);
    statements = {
      rows: rows.prepare(named ? `list_alerts_rows_${plan.shape}` : (undefined as unknown as string)),
      counts: counts.prepare(named ? `list_alerts_counts_${plan.shape}` : (undefined as unknown as string)),
      rowsOnly: rowsOnly.prepare(named ? `list_alerts_rows_only_${plan.shape}` : (undefined as unknown as string)),
    } as ShapeStatements;
    shapes.set(plan.shape, statements);
  }
  return statements;
}

/**
 * Open alerts come most attempts first, then most recent failure (the dashboard's order); the history
 * (resolved or all) comes newest first. Keyset pagination keeps deep pages as fast as the first.
 */
export async function listAlerts(ctx: ServiceContext, input: ListAlertsInput): Promise<AlertPage> {
  const { db } = ctx;
  const reader = authorizeReader(ctx.actor, BACK_OFFICE_ROLES, "alerts:read");
  const plan = planAlertList(input, reader.role === "api-key" ? undefined : reader.id);
  const { order, limit, offset, unscoped } = plan;
  const statements = statementsOf(db, plan);
  const rows = await statements.rows.execute(plan.values);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorAfter(order, page, offset) : null;
  const countRow = rows[0]?.pageCounts ?? (await statements.counts.execute(plan.values))[0];
  const sampled = Number(countRow?.resolved ?? 0);
  const active = Number(countRow?.active ?? 0);
  const escalated = Number(countRow?.escalated ?? 0);
  let resolved = Math.min(sampled, RESOLVED_COUNT_CAP);
  let resolvedCount: ResolvedCountKind = sampled > RESOLVED_COUNT_CAP ? "capped" : "exact";
  const snoozedCount = Number(countRow?.snoozed ?? 0);
  const estimate = Number(countRow?.tableEstimate ?? 0) - active - escalated - snoozedCount;
  if (resolvedCount === "capped" && unscoped && estimate > RESOLVED_COUNT_CAP) {
    resolved = Math.max(RESOLVED_COUNT_CAP + 1, Number(estimate.toPrecision(3)));
    resolvedCount = "estimated";
  }
  const counts: AlertCounts = { active, escalated, snoozed: snoozedCount, resolved };
  if (countRow?.underIncident !== null && countRow?.underIncident !== undefined)
    counts.underIncident = Number(countRow.underIncident);
  if (countRow?.exportSide !== null && countRow?.exportSide !== undefined)
    counts.exportSide = Number(countRow.exportSide);
  return {
    data: page.map(toAlertDto),
    meta: { nextCursor, limit, counts, resolvedCountCapped: resolvedCount !== "exact", resolvedCount },
  };
}

/** The cursor of the page after `page` (not empty), in the list's order. */
function cursorAfter(order: AlertOrder, page: AlertRow[], offset: number): string {
  const last = page.at(-1)!;
  return encodeCursor(
    order === "risk"
      ? { o: "risk", offset: offset + page.length }
      : order === "attempts"
        ? { o: "attempts", a: last.alert.failedAttempts, t: last.alert.lastFailedAt.toISOString(), id: last.alert.id }
        : { o: "recent", t: last.alert.lastFailedAt.toISOString(), id: last.alert.id },
  );
}

/**
 * Every alert matching the list's filters, in the list's order, a page of `pageSize` at a time (its cursor followed
 * by keyset): what the CSV export streams, without counting anything.
 */
export async function* iterateAlerts(
  ctx: ServiceContext,
  input: ListAlertsInput & { pageSize?: number },
): AsyncGenerator<AlertDTO[]> {
  const viewer = authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { pageSize = 100, ...filters } = input;
  let cursor = filters.cursor;
  for (;;) {
    const plan = planAlertList({ ...filters, cursor, limit: pageSize }, viewer.id);
    const { order, limit, offset } = plan;
    const rows = await statementsOf(ctx.db, plan).rowsOnly.execute(plan.values);
    const page = rows.slice(0, limit);
    if (page.length > 0) yield page.map(toAlertDto);
    if (rows.length <= limit) return;
    cursor = cursorAfter(order, page, offset);
  }
}

/** The provider keys of all feeds, for the filter's list. */
export async function listProviderKeys(ctx: ServiceContext): Promise<string[]> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { db } = ctx;
  const rows = await db
    .selectDistinct({ key: calendarFeeds.providerKey })
    .from(calendarFeeds)
    .orderBy(calendarFeeds.providerKey)
    .limit(500);
  return rows.map((row) => row.key).filter(Boolean);
}

/** Every open alert (active and escalated), most failed attempts first, then most recent failure. */
export async function getActiveAlerts(ctx: ServiceContext, input: { limit?: number } = {}): Promise<AlertDTO[]> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { db } = ctx;
  const rows = await selectAlertRows(db)
    .where(ne(alerts.status, "resolved"))
    .orderBy(desc(alerts.failedAttempts), desc(alerts.lastFailedAt), desc(alerts.id))
    .limit(input.limit ?? 500);
  return rows.map(toAlertDto);
}

/**
 * The ids of the alerts matching the list's filters (its cursor and page size left out), in the list's order, at
 * most `max`: what « toutes celles qui correspondent aux filtres » selects for a bulk action.
 */
export async function listAlertIdsMatching(
  ctx: ServiceContext,
  input: { filters: Record<string, string>; max: number },
): Promise<string[]> {
  const { cursor: _cursor, limit: _limit, view: _view, ...filters } = input.filters;
  const ids: string[] = [];
  for await (const page of iterateAlerts(ctx, { ...(filters as ListAlertsInput), pageSize: 100 })) {
    ids.push(...page.map((alert) => alert.id));
    if (ids.length >= input.max) break;
  }
  return ids.slice(0, input.max);
}
