import { sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import { queryRows } from "../../db/query-rows";
import type { ServiceContext } from "../../service-context";

export interface RetentionSettings {
  alertDays: number;
  syncRunDays: number;
  outboxDays: number;
  batchSize: number;
}

export interface RetentionResult {
  alerts: number;
  syncRuns: number;
  outbox: number;
  /** A day after they stop mattering: Retry-After hints, hosts' link checks, sign-in throttle rows. */
  retryHints: number;
  linkChecks: number;
  loginThrottles: number;
  /** Sessions a day past their expiry (a revoked one too: its token has expired by then). */
  sessions: number;
  /** Notification events older than OUTBOX_RETENTION_DAYS with no delivery left to try, their deliveries and log. */
  notificationEvents: number;
  /** API keys' counts of past minutes (the rate limit reads the current minute only). */
  apiKeyMinutes: number;
  /** The platform's reservations 90 days after check-out, and their guest names with them (personal data). */
  platformReservations: number;
  /** Invitations a week after they expired, were used or replaced. */
  invitations: number;
  /** Reads of the export links after EXPORT_READ_DAYS (the link keeps its last read). */
  exportReads: number;
  /** Password reset links a day after they expired, were used or replaced. */
  passwordResets: number;
}

/** How long the reads of an export link are kept. */
export const EXPORT_READ_DAYS = 30;

/** How long a platform reservation (and its guest's name) is kept after its check-out. */
export const PLATFORM_RESERVATION_DAYS = 90;

// One batch: the ids picked and deleted in one statement, SKIP LOCKED so two workers share the work.
async function deleteBatch(db: Database, statement: ReturnType<typeof sql>): Promise<number> {
  const rows = await queryRows<{ deleted: number }>(
    db,
    sql`with gone as (${statement} returning 1) select count(*)::int as deleted from gone`,
  );
  return Number(rows[0]?.deleted ?? 0);
}

/**
 * Deletes what the story calls cleaning up after resolution, in batches: resolved alerts older than ALERT_RETENTION_DAYS
 * with their failure timeline (cascade), sync runs older than SYNC_RUN_RETENTION_DAYS, sent e-mails older than
 * OUTBOX_RETENTION_DAYS; a day after they stop mattering, providers' Retry-After hints, hosts' link checks and sign-in
 * throttle rows (a window is at most a day); notification events as old as the e-mails kept, once none of their
 * deliveries is pending. An open alert, an unsent e-mail and a delivery still to try are never touched. Audit rows are kept.
 */
export async function applyRetention(
  ctx: ServiceContext,
  input: { settings: RetentionSettings; now?: Date },
): Promise<RetentionResult> {
  const { db } = ctx;
  const { settings, now = new Date() } = input;
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const result: RetentionResult = {
    alerts: 0,
    syncRuns: 0,
    outbox: 0,
    retryHints: 0,
    linkChecks: 0,
    loginThrottles: 0,
    sessions: 0,
    notificationEvents: 0,
    apiKeyMinutes: 0,
    platformReservations: 0,
    invitations: 0,
    exportReads: 0,
    passwordResets: 0,
  };
  const drain = async (key: keyof RetentionResult, statement: () => ReturnType<typeof sql>) => {
    for (;;) {
      const deleted = await deleteBatch(db, statement());
      result[key] += deleted;
      if (deleted < settings.batchSize) return;
    }
  };
  await drain(
    "alerts",
    () =>
      sql`delete from calendar_sync_alerts where id in (
          select id from calendar_sync_alerts where status = 'resolved' and resolved_at < ${before(settings.alertDays)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "syncRuns",
    () =>
      sql`delete from calendar_sync_runs where id in (
          select id from calendar_sync_runs where started_at < ${before(settings.syncRunDays)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "outbox",
    () =>
      sql`delete from email_outbox where id in (
          select id from email_outbox where status = 'sent' and sent_at < ${before(settings.outboxDays)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "retryHints",
    () =>
      sql`delete from provider_retry_hints where (provider_key, owner_id) in (
          select provider_key, owner_id from provider_retry_hints where until < ${before(1)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "linkChecks",
    () =>
      sql`delete from host_link_checks where id in (
          select id from host_link_checks where started_at < ${before(1)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "loginThrottles",
    () =>
      sql`delete from login_throttles where key in (
          select key from login_throttles where window_started_at < ${before(1)} and (locked_until is null or locked_until < ${now})
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "sessions",
    () =>
      sql`delete from user_sessions where id in (
          select id from user_sessions where expires_at < ${before(1)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  // Kept as long as the e-mails they became (the same dedupe keys guard both), and never before their fan-out.
  await drain(
    "notificationEvents",
    () =>
      sql`delete from notification_events where id in (
          select e.id from notification_events e where e.occurred_at < ${before(settings.outboxDays)}
            and e.fanned_out_at is not null
            and not exists (select 1 from notification_deliveries d where d.event_id = e.id and d.status = 'pending')
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "apiKeyMinutes",
    () =>
      sql`delete from api_key_minutes where (key_id, minute) in (
          select key_id, minute from api_key_minutes where minute < ${new Date(now.getTime() - 3_600_000)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  // Check-out is a day of the listing's zone: a day's margin covers every zone.
  await drain(
    "platformReservations",
    () =>
      sql`delete from platform_reservations where id in (
          select id from platform_reservations where check_out < (${before(PLATFORM_RESERVATION_DAYS + 1)}::timestamptz at time zone 'UTC')::date
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "invitations",
    () =>
      sql`delete from account_invitations where id in (
          select id from account_invitations where coalesce(used_at, replaced_at, expires_at) < ${before(7)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "exportReads",
    () =>
      sql`delete from export_reads where id in (
          select id from export_reads where at < ${before(EXPORT_READ_DAYS)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  await drain(
    "passwordResets",
    () =>
      sql`delete from password_resets where id in (
          select id from password_resets where coalesce(used_at, replaced_at, expires_at) < ${before(1)}
          limit ${settings.batchSize} for update skip locked)`,
  );
  return result;
}
