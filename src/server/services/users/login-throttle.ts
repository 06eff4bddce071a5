import { inArray, sql } from "drizzle-orm";
import { loginThrottles } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";

export interface LoginThrottleSettings {
  maxFailures: number;
  windowMinutes: number;
  /** The longest an attempt on a much-failed e-mail is slowed down. */
  maxDelayMs: number;
}

export interface ThrottleKeys {
  /** Failures on the e-mail from every address: they slow it down, never refuse it. */
  email: string;
  /** Failures of the pair (e-mail, address) and of the address on any e-mail: past the limit, refused. */
  refusing: string[];
}

export type Reservation =
  { allowed: true; keys: ThrottleKeys; lockingKeys: string[]; delayMs: number } | { allowed: false; retryAt: Date };

/**
 * The e-mail's key slows; the pair's and the address's refuse. Without an address (a direct call) the pair is the
 * e-mail alone, so a burst is still capped.
 */
export function throttleKeys(email: string, address: string | null): ThrottleKeys {
  const normalised = email.trim().toLowerCase();
  return {
    email: `email:${normalised}`,
    refusing: [`pair:${normalised}|${address ?? ""}`, ...(address ? [`address:${address}`] : [])],
  };
}

// The first slowed attempt waits this long; each further failure on the e-mail doubles it, up to maxDelayMs.
const FIRST_DELAY_MS = 500;

/** How long an attempt on an e-mail with `failures` in the window (this one included) waits before its password is checked. */
export function loginDelayMs(failures: number, settings: LoginThrottleSettings): number {
  if (failures <= settings.maxFailures) return 0;
  return Math.min(settings.maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(30, failures - settings.maxFailures - 1));
}

/**
 * Counts an attempt against each key before the password is checked, in one atomic upsert: concurrent attempts each
 * get their own count, so a burst cannot hash more than the limit. A window starts with the first failure and lasts
 * windowMinutes. Past maxFailures in it, the pair (e-mail, address) and the address are refused until it ends; the
 * e-mail alone is only slowed down, so failures from other addresses never lock its owner out.
 */
export async function reserveLoginAttempt(
  ctx: ServiceContext,
  attempt: { keys: ThrottleKeys; settings: LoginThrottleSettings; now: Date },
): Promise<Reservation> {
  const { keys, settings, now } = attempt;
  const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const expired = sql`${loginThrottles.windowStartedAt} <= ${windowStart}`;
  const rows = await ctx.db
    .insert(loginThrottles)
    .values([keys.email, ...keys.refusing].map((key) => ({ key, failures: 1, windowStartedAt: now })))
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${loginThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now} else ${loginThrottles.windowStartedAt} end`,
      },
    })
    .returning();
  const over = rows.filter((row) => keys.refusing.includes(row.key) && row.failures > settings.maxFailures);
  if (over.length > 0) {
    const retryAt = new Date(
      Math.max(...over.map((row) => row.windowStartedAt.getTime() + settings.windowMinutes * 60_000)),
    );
    return { allowed: false, retryAt };
  }
  // A failure of this attempt would reach the limit on these keys: it is the one that locks (or starts slowing) them.
  const lockingKeys = rows.filter((row) => row.failures === settings.maxFailures).map((row) => row.key);
  const emailFailures = rows.find((row) => row.key === keys.email)?.failures ?? 0;
  return { allowed: true, keys, lockingKeys, delayMs: loginDelayMs(emailFailures, settings) };
}

const AUDIT_OF_KIND: Record<string, { action: string; entityType: string }> = {
  email: { action: "auth.login_slowed", entityType: "login_email" },
  pair: { action: "auth.login_locked", entityType: "login_pair" },
  address: { action: "auth.login_locked", entityType: "login_address" },
};

/** After a wrong password: the attempt stays counted; a key it brought to the limit is locked (or slowed), and audited. */
export async function recordLoginFailure(
  ctx: ServiceContext,
  failure: { reservation: Extract<Reservation, { allowed: true }>; settings: LoginThrottleSettings; now: Date },
): Promise<void> {
  const { reservation, settings, now } = failure;
  if (reservation.lockingKeys.length === 0) return;
  const locked = await ctx.db
    .update(loginThrottles)
    .set({
      lockedUntil: sql`${loginThrottles.windowStartedAt} + make_interval(mins => ${settings.windowMinutes}::int)`,
    })
    .where(inArray(loginThrottles.key, reservation.lockingKeys))
    .returning();
  for (const row of locked) {
    const [kind = "", ...rest] = row.key.split(":");
    const audit = AUDIT_OF_KIND[kind] ?? AUDIT_OF_KIND.address!;
    await recordAudit(ctx, {
      actorId: null,
      action: audit.action,
      entityType: audit.entityType,
      entityId: rest.join(":"),
      data: { failures: row.failures, until: row.lockedUntil?.toISOString() ?? null, at: now.toISOString() },
    });
  }
}

/** After a right password: the e-mail's and the pair's counters are cleared, the address gives back the attempt it reserved. */
export async function recordLoginSuccess(
  ctx: ServiceContext,
  reservation: Extract<Reservation, { allowed: true }>,
): Promise<void> {
  const [pair, ...addresses] = reservation.keys.refusing;
  await ctx.db.delete(loginThrottles).where(inArray(loginThrottles.key, [reservation.keys.email, pair!]));
  if (addresses.length > 0) {
    await ctx.db
      .update(loginThrottles)
      .set({ failures: sql`greatest(${loginThrottles.failures} - 1, 0)` })
      .where(inArray(loginThrottles.key, addresses));
  }
}

/** Neither right nor wrong yet (the password was right, the code is still to come): every key gives its attempt back. */
export async function releaseLoginAttempt(
  ctx: ServiceContext,
  reservation: Extract<Reservation, { allowed: true }>,
): Promise<void> {
  await ctx.db
    .update(loginThrottles)
    .set({ failures: sql`greatest(${loginThrottles.failures} - 1, 0)` })
    .where(inArray(loginThrottles.key, [reservation.keys.email, ...reservation.keys.refusing]));
}
