import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorizeReader } from "../../actor";
import { queryRows } from "../../db/query-rows";
import { NotFoundError, ValidationError, words } from "../../errors";
import type { ServiceContext } from "../../service-context";
import { maskFeedUrl } from "../../shared/mask-url";
import { describeSyncErrorType, type SyncErrorType } from "../../shared/sync-error-types";
import { boundedDate, isEntityId, isExternalId, text } from "../../validation";

export interface PlatformFeedView {
  id: string;
  provider: string;
  /** Masked: the token never leaves the server. */
  url: string;
  state: "ok" | "failing" | "empty" | "new" | "paused";
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: { type: SyncErrorType; label: string } | null;
  nextSyncAt: string;
}

export interface PlatformListingView {
  externalId: string;
  id: string;
  title: string;
  city: string;
  timeZone: string;
  archivedAt: string | null;
  host: { externalId: string | null; email: string; name: string; hasPassword: boolean };
  feeds: PlatformFeedView[];
  openAlert: {
    id: string;
    status: "active" | "escalated";
    failedAttempts: number;
    errorType: SyncErrorType;
    firstFailedAt: string;
  } | null;
  updatedAt: string;
}

interface Row extends Record<string, unknown> {
  id: string;
  external_id: string;
  title: string;
  city: string;
  time_zone: string;
  archived_at: Date | string | null;
  updated_at: Date | string;
  cursor_at: string;
  host_external_id: string | null;
  host_email: string;
  host_name: string;
  host_has_password: boolean;
  feeds: Array<{
    id: string;
    provider: string;
    url_masked: string;
    paused: boolean;
    consecutive_failures: number;
    empty: boolean;
    attempted: boolean;
    last_success_at: string | null;
    last_error_type: SyncErrorType | null;
    next_sync_at: string;
  }>;
  alert: {
    id: string;
    status: "active" | "escalated";
    failed_attempts: number;
    error_type: SyncErrorType;
    first_failed_at: string;
  } | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toView(row: Row): PlatformListingView {
  return {
    externalId: row.external_id,
    id: row.id,
    title: row.title,
    city: row.city,
    timeZone: row.time_zone,
    archivedAt: iso(row.archived_at),
    host: {
      externalId: row.host_external_id,
      email: row.host_email,
      name: row.host_name,
      hasPassword: row.host_has_password,
    },
    feeds: row.feeds.map((feed) => {
      const failing = !feed.paused && feed.consecutive_failures > 0;
      return {
        id: feed.id,
        provider: feed.provider,
        url: maskFeedUrl(feed.url_masked),
        state: feed.paused ? "paused" : failing ? "failing" : feed.empty ? "empty" : feed.attempted ? "ok" : "new",
        lastSuccessAt: iso(feed.last_success_at),
        consecutiveFailures: feed.consecutive_failures,
        lastError: feed.last_error_type
          ? { type: feed.last_error_type, label: describeSyncErrorType(feed.last_error_type).label }
          : null,
        nextSyncAt: iso(feed.next_sync_at)!,
      };
    }),
    openAlert: row.alert
      ? {
          id: row.alert.id,
          status: row.alert.status,
          failedAttempts: row.alert.failed_attempts,
          errorType: row.alert.error_type,
          firstFailedAt: iso(row.alert.first_failed_at)!,
        }
      : null,
    updatedAt: iso(row.updated_at)!,
  };
}

// Each listing with its host, its feeds (masked) and its open alert, in one statement.
const selectListings = (where: ReturnType<typeof sql>, limit: number) => sql`
  select l.id, l.external_id, l.title, l.city, l.time_zone, l.archived_at, l.updated_at,
    to_char(l.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
    u.external_id as host_external_id, u.email as host_email, u.name as host_name, u.password_hash is not null as host_has_password,
    coalesce((select json_agg(json_build_object('id', f.id, 'provider', f.provider, 'url_masked', f.url_masked, 'paused', f.paused_at is not null,
        'consecutive_failures', f.consecutive_failures, 'empty', f.empty_since is not null, 'attempted', f.last_attempt_at is not null,
        'last_success_at', f.last_success_at, 'last_error_type', f.last_error_type, 'next_sync_at', f.next_sync_at) order by f.created_at)
      from calendar_feeds f where f.listing_id = l.id), '[]'::json) as feeds,
    (select json_build_object('id', a.id, 'status', a.status, 'failed_attempts', a.failed_attempts, 'error_type', a.error_type, 'first_failed_at', a.first_failed_at)
      from calendar_sync_alerts a where a.listing_id = l.id and a.status <> 'resolved' limit 1) as alert
  from listings l join users u on u.id = l.owner_id
  where l.external_id is not null and ${where}
  order by l.updated_at, l.id
  limit ${limit}`;

/** GET /api/v1/listings/{externalId}: the listing (withdrawn ones too), its feeds' states and its open alert. */
export async function getPlatformListing(
  ctx: ServiceContext,
  input: { externalId: string },
): Promise<PlatformListingView> {
  authorizeReader(ctx.actor, ["admin"], "listings:write");
  if (!isExternalId(input.externalId)) throw new NotFoundError("Annonce", input.externalId);
  const [row] = await queryRows<Row>(ctx.db, selectListings(sql`l.external_id = ${input.externalId}`, 1));
  if (!row) throw new NotFoundError("Annonce", input.externalId);
  return toView(row);
}

export const ListPlatformListingsInput = z
  .object({
    updatedSince: boundedDate().optional(),
    cursor: text().max(256).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ListPlatformListingsInput = z.input<typeof ListPlatformListingsInput>;

// The row's exact instant (microseconds, as PostgreSQL keeps it): a millisecond string could skip or repeat rows.
const Cursor = z.object({
  t: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
    .refine(
      (value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value.slice(0, 10),
    ),
  id: z.string().refine(isEntityId),
});

function decodeCursor(raw: string): z.infer<typeof Cursor> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new ValidationError(words("badCursor"), [{ path: "cursor", message: "curseur illisible" }]);
  }
}

/**
 * GET /api/v1/listings?updatedSince=…&cursor=…: the platform's listings in the order they changed (oldest first), so
 * a platform that keeps the last cursor reads only what changed since. `nextCursor` is null on the last page.
 */
export async function listPlatformListings(
  ctx: ServiceContext,
  input: ListPlatformListingsInput,
): Promise<{ data: PlatformListingView[]; nextCursor: string | null }> {
  authorizeReader(ctx.actor, ["admin"], "listings:write");
  const parsed = ListPlatformListingsInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badQuery"), parsed.error.issues);
  const { updatedSince, cursor, limit } = parsed.data;
  const after = cursor ? decodeCursor(cursor) : null;
  const conditions = [sql`true`];
  if (updatedSince) conditions.push(sql`l.updated_at >= ${updatedSince}`);
  if (after) conditions.push(sql`(l.updated_at, l.id) > (${after.t}::timestamptz, ${after.id})`);
  const rows = await queryRows<Row>(ctx.db, selectListings(sql.join(conditions, sql` and `), limit + 1));
  const page = rows.slice(0, limit).map(toView);
  const last = rows.length > limit ? rows[limit - 1]! : null;
  const nextCursor = last
    ? Buffer.from(JSON.stringify({ t: last.cursor_at, id: last.id })).toString("base64url")
    : null;
  return { data: page, nextCursor };
}
