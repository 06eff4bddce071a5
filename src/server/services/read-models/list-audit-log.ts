import { journalCatalogue } from "../../../i18n/catalogue/journal";
import { translator } from "../../../i18n/translator";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, auditLogs, users } from "../../db/schema";
import { queryRows } from "../../db/query-rows";
import { ValidationError, words } from "../../errors";
import { authorizeViewer, localeOf } from "../../actor";
import { ADMIN_ROLES } from "../../auth/roles";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";
import type { ServiceContext } from "../../service-context";

const Day = z
  .string()
  .regex(/^(19|[2-9]\d)\d{2}-\d{2}-\d{2}$/, "Date attendue au format AAAA-MM-JJ, à partir de 1900.")
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isFinite(time) && new Date(time).toISOString().startsWith(value);
  }, "Date inexistante.");

/** « Journal »'s filters: who (a user's id, `key:<id>`, `system`), what (an action), which object, which days. */
export const ListAuditInput = z.object({
  actor: z.string().trim().max(120).optional(),
  action: z.string().trim().max(120).optional(),
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(200).optional(),
  from: Day.optional(),
  to: Day.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListAuditInput = z.input<typeof ListAuditInput>;

export interface AuditEntryDTO {
  id: number;
  at: string;
  actor: { kind: "user" | "api-key" | "system"; id: string | null; name: string };
  action: string;
  entity: { type: string; id: string; href: string | null };
  data: Record<string, unknown>;
}

// Where an entry's object is shown in the back-office, when it has a page.
const OBJECT_PAGES: Record<string, (id: string) => string> = {
  calendar_sync_alert: (id) => `/admin/alerts/calendar-sync/${encodeURIComponent(id)}`,
  provider_incident: (id) => `/admin/incidents/${encodeURIComponent(id)}`,
  booking_conflict: (id) => `/admin/conflits/${encodeURIComponent(id)}`,
  notification_channel: (id) => `/admin/notifications/${encodeURIComponent(id)}`,
  api_key: () => "/admin/integrations",
  listing: (id) => `/admin/alerts/calendar-sync?status=all&listingId=${encodeURIComponent(id)}`,
};

const CursorShape = z.object({ id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

const encode = (entry: { id: number }) => Buffer.from(JSON.stringify({ id: entry.id })).toString("base64url");

function decode(raw: string): { id: number } {
  try {
    return CursorShape.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new ValidationError(words("badCursor"), [{ path: "cursor", message: "curseur illisible" }]);
  }
}

/** The first instant of a day in the platform's zone, as SQL. */
const startOfDay = (day: string) => sql`(${day}::date::timestamp at time zone ${PLATFORM_TIME_ZONE})`;

function conditions(filters: z.output<typeof ListAuditInput>): SQL[] {
  const where: SQL[] = [];
  const { actor } = filters;
  if (actor === "system") where.push(sql`${auditLogs.actorId} is null and ${auditLogs.apiKeyId} is null`);
  else if (actor?.startsWith("key:")) where.push(eq(auditLogs.apiKeyId, actor.slice("key:".length)));
  else if (actor) where.push(eq(auditLogs.actorId, actor));
  if (filters.action) where.push(eq(auditLogs.action, filters.action));
  if (filters.entityType) where.push(eq(auditLogs.entityType, filters.entityType));
  if (filters.entityId) where.push(eq(auditLogs.entityId, filters.entityId));
  if (filters.from) where.push(gte(auditLogs.createdAt, startOfDay(filters.from)));
  if (filters.to) where.push(lt(auditLogs.createdAt, sql`${startOfDay(filters.to)} + interval '1 day'`));
  return where;
}

/**
 * The audit log for admins, newest first, keyset-paged on the id (the order rows were written: exact where two rows
 * share a timestamp): each filter is a range scan of its index in that order. Each entry names who acted (a user, a platform's key, the system) and links to its object's page.
 */
export async function listAuditLog(
  ctx: ServiceContext,
  input: ListAuditInput,
): Promise<{ data: AuditEntryDTO[]; meta: { nextCursor: string | null; limit: number } }> {
  authorizeViewer(ctx.actor, ADMIN_ROLES);
  const parsed = ListAuditInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badJournalFilters"), parsed.error.issues);
  const filters = parsed.data;
  const where = conditions(filters);
  if (filters.cursor) {
    where.push(lt(auditLogs.id, decode(filters.cursor).id));
  }
  const rows = await ctx.db
    .select({ entry: auditLogs, userName: users.name, keyName: apiKeys.name })
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorId))
    .leftJoin(apiKeys, eq(apiKeys.id, auditLogs.apiKeyId))
    .where(and(...where))
    .orderBy(desc(auditLogs.id))
    .limit(filters.limit + 1);
  const t = translator(journalCatalogue, localeOf(ctx.actor));
  const page = rows.slice(0, filters.limit).map(({ entry, userName, keyName }): AuditEntryDTO => {
    const page = OBJECT_PAGES[entry.entityType];
    return {
      id: entry.id,
      at: entry.createdAt.toISOString(),
      actor: entry.apiKeyId
        ? { kind: "api-key", id: entry.apiKeyId, name: t("apiKey", { name: keyName ?? t("revokedKey") }) }
        : entry.actorId
          ? { kind: "user", id: entry.actorId, name: userName ?? t("deletedUser") }
          : { kind: "system", id: null, name: t("system") },
      action: entry.action,
      entity: { type: entry.entityType, id: entry.entityId, href: page ? page(entry.entityId) : null },
      data: entry.data,
    };
  });
  const last = page.at(-1);
  return {
    data: page,
    meta: { nextCursor: rows.length > filters.limit && last ? encode(last) : null, limit: filters.limit },
  };
}

/**
 * The actions recorded so far, for the filter: a loose index scan (one index probe per distinct action), not a read
 * of the whole log.
 */
export async function listAuditActions(ctx: ServiceContext): Promise<string[]> {
  authorizeViewer(ctx.actor, ADMIN_ROLES);
  const rows = await queryRows<{ action: string }>(
    ctx.db,
    sql`with recursive seen as (
          select min(action) as action from audit_logs
          union all
          select (select min(action) from audit_logs where action > seen.action) from seen where seen.action is not null
        ) select action from seen where action is not null`,
  );
  return rows.map((row) => row.action);
}
