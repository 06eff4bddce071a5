import { and, eq, gt, isNull } from "drizzle-orm";
import { users, userSessions, type UserRole } from "../../db/schema";
import type { Database } from "../../db/database";
import { resolveDb, type ServiceContext } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";

export interface SessionAccount {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}

/** A new session for a user who just signed in; its id goes into the token. */
export async function openUserSession(userId: string, expiresAt: Date, ctx?: ServiceContext): Promise<string> {
  const db = await resolveDb(ctx);
  const [session] = await db.insert(userSessions).values({ userId, expiresAt }).returning({ id: userSessions.id });
  return session!.id;
}

/**
 * The account behind a session, read on every request: null when the session was revoked or has expired, or the
 * account was disabled or deleted. One indexed lookup by primary key.
 */
export async function loadSessionAccount(sessionId: string, userId: string, now: Date, ctx?: ServiceContext): Promise<SessionAccount | null> {
  const db = await resolveDb(ctx);
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

/** Signing out: this session ends now, on every app instance. */
export async function revokeUserSession(sessionId: string, ctx?: ServiceContext): Promise<void> {
  const db = await resolveDb(ctx);
  await db.update(userSessions).set({ revokedAt: new Date() }).where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Every open session of the account ends now (« Se déconnecter partout », a disabled account); audited. Returns how many. */
export async function revokeAllUserSessions(db: Database, userId: string, actorId: string | null, reason: "user" | "disabled"): Promise<number> {
  const revoked = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  await recordAudit(db, { actorId, action: "user.sessions_revoked", entityType: "user", entityId: userId, data: { sessions: revoked.length, reason } });
  return revoked.length;
}
