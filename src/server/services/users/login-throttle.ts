import { inArray, sql } from "drizzle-orm";
import { loginThrottles } from "../../db/schema";
import type { Database } from "../../db/database";
import { recordAudit } from "../audit/record-audit";

export interface LoginThrottleSettings {
  maxFailures: number;
  windowMinutes: number;
}

export type Reservation = { allowed: true; keys: string[]; lockingKeys: string[] } | { allowed: false; retryAt: Date };

export const throttleKeys = (email: string, address: string | null) => [`email:${email.trim().toLowerCase()}`, ...(address ? [`address:${address}`] : [])];

/**
 * Counts an attempt against each key before the password is checked, in one atomic upsert: concurrent
 * attempts each get their own count, so a burst cannot hash more than the limit. A window starts with the
 * first failure and lasts windowMinutes; past maxFailures in it, attempts are refused until it ends.
 */
export async function reserveLoginAttempt(db: Database, keys: string[], settings: LoginThrottleSettings, now: Date): Promise<Reservation> {
  const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const expired = sql`${loginThrottles.windowStartedAt} <= ${windowStart}`;
  const rows = await db
    .insert(loginThrottles)
    .values(keys.map((key) => ({ key, failures: 1, windowStartedAt: now })))
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${loginThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now} else ${loginThrottles.windowStartedAt} end`,
      },
    })
    .returning();
  const over = rows.filter((row) => row.failures > settings.maxFailures);
  if (over.length > 0) {
    const retryAt = new Date(Math.max(...over.map((row) => row.windowStartedAt.getTime() + settings.windowMinutes * 60_000)));
    return { allowed: false, retryAt };
  }
  // A failure of this attempt would reach the limit on these keys: it is the one that locks them.
  const lockingKeys = rows.filter((row) => row.failures === settings.maxFailures).map((row) => row.key);
  return { allowed: true, keys, lockingKeys };
}

/** After a wrong password: the attempt stays counted; a key it brought to the limit is locked, and audited. */
export async function recordLoginFailure(db: Database, reservation: Extract<Reservation, { allowed: true }>, settings: LoginThrottleSettings, now: Date): Promise<void> {
  if (reservation.lockingKeys.length === 0) return;
  const locked = await db
    .update(loginThrottles)
    .set({ lockedUntil: sql`${loginThrottles.windowStartedAt} + make_interval(mins => ${settings.windowMinutes}::int)` })
    .where(inArray(loginThrottles.key, reservation.lockingKeys))
    .returning();
  for (const row of locked) {
    const [kind, ...rest] = row.key.split(":");
    await recordAudit(db, {
      actorId: null,
      action: "auth.login_locked",
      entityType: kind === "email" ? "login_email" : "login_address",
      entityId: rest.join(":"),
      data: { failures: row.failures, lockedUntil: row.lockedUntil?.toISOString() ?? null, at: now.toISOString() },
    });
  }
}

/** After a right password: the e-mail's counter is cleared, the address gives back the attempt it reserved. */
export async function recordLoginSuccess(db: Database, reservation: Extract<Reservation, { allowed: true }>): Promise<void> {
  const [emailKey, ...others] = reservation.keys;
  if (emailKey) await db.delete(loginThrottles).where(inArray(loginThrottles.key, [emailKey]));
  if (others.length > 0) {
    await db
      .update(loginThrottles)
      .set({ failures: sql`greatest(${loginThrottles.failures} - 1, 0)` })
      .where(inArray(loginThrottles.key, others));
  }
}
