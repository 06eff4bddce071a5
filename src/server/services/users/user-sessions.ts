import type { Locale } from "../../../i18n/locales";
import { executeNamed } from "../../db/prepared-statement";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { users, userSessions, type UserRole } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";

export interface SessionAccount {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  locale: Locale;
  /**
   * TOTP_REQUIRED_FOR_ADMINS and an admin signed in by password without two-factor: the session opens « Mon compte »
   * to enrol, and nothing else, until it is on.
   */
  mustEnrolTwoFactor?: boolean;
}

/** A new session for a user who just signed in; its id goes into the token. The account's last sign-in moves on. */
export async function openUserSession(
  ctx: ServiceContext,
  input: { userId: string; expiresAt: Date; method?: "password" | "oidc"; now?: Date },
): Promise<string> {
  const { userId, expiresAt, method = "password" } = input;
  const now = input.now ?? new Date();
  const [session] = await ctx.db
    .insert(userSessions)
    .values({ userId, expiresAt, method, createdAt: now })
    .returning({ id: userSessions.id });
  await ctx.db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  return session!.id;
}

/**
 * The account behind a session, read on every request: null when the session was revoked or has expired, or the
 * account was disabled or deleted. One indexed lookup by primary key.
 */
export async function loadSessionAccount(
  ctx: ServiceContext,
  input: { sessionId: string; userId: string; now: Date },
): Promise<SessionAccount | null> {
  const { sessionId, userId, now } = input;
  // Read on every signed-in request: prepared once per connection.
  const [row] = await executeNamed(
    ctx.db,
    "load_session_account",
    ctx.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        locale: users.locale,
        twoFactorOn: sql<boolean>`(${users.totpEnabledAt} is not null)`,
        method: userSessions.method,
      })
      .from(userSessions)
      .innerJoin(users, eq(users.id, userSessions.userId))
      .where(
        and(
          eq(userSessions.id, sessionId),
          eq(userSessions.userId, userId),
          isNull(userSessions.revokedAt),
          gt(userSessions.expiresAt, now),
          isNull(users.disabledAt),
        ),
      )
      .limit(1),
  );
  if (!row) return null;
  const { twoFactorOn, method, ...account } = row;
  const mustEnrol =
    account.role === "admin" && method === "password" && !twoFactorOn && getConfig().totp.requiredForAdmins;
  return mustEnrol ? { ...account, mustEnrolTwoFactor: true } : account;
}

/** Signing out: this session ends now, on every app instance. */
export async function revokeUserSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  await ctx.db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Every open session of the account ends now (« Se déconnecter partout », a disabled account); audited. Returns how many. */
export async function revokeAllUserSessions(
  ctx: ServiceContext,
  input: { userId: string; reason: "user" | "disabled" | "admin" },
): Promise<number> {
  const { userId, reason } = input;
  const revoked = await ctx.db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  await recordAudit(ctx, {
    action: "user.sessions_revoked",
    entityType: "user",
    entityId: userId,
    data: { sessions: revoked.length, reason },
  });
  return revoked.length;
}
