import { and, asc, gt, inArray, isNull, sql } from "drizzle-orm";
import { accountInvitations, users, userSessions } from "../../db/schema";
import { authorizeViewer } from "../../actor";
import type { ServiceContext } from "../../service-context";
import { TEAM_ROLES } from "./change-account-role";

export type TeamMemberState = "active" | "invited" | "disabled";

export interface TeamMemberDTO {
  id: string;
  name: string;
  email: string;
  role: (typeof TEAM_ROLES)[number];
  state: TeamMemberState;
  lastSignInAt: string | null;
  openSessions: number;
  twoFactor: boolean;
  companyIdentity: boolean;
  /** While invited: when the newest link stops working (null once it has). */
  invitationExpiresAt: string | null;
}

/**
 * « Équipe »: every support and admin account, by name, with its state (an account is invited until it has a
 * password or a bound company identity), its last sign-in and its open sessions. One statement.
 */
export async function listTeam(ctx: ServiceContext, input: { now?: Date } = {}): Promise<TeamMemberDTO[]> {
  authorizeViewer(ctx.actor, ["admin"]);
  const now = input.now ?? new Date();
  const openSessions = ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(userSessions)
    .where(
      and(sql`${userSessions.userId} = ${users.id}`, isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now)),
    );
  const invitationEnd = ctx.db
    .select({ expiresAt: sql<string | null>`max(${accountInvitations.expiresAt})` })
    .from(accountInvitations)
    .where(
      and(
        sql`${accountInvitations.userId} = ${users.id}`,
        isNull(accountInvitations.usedAt),
        isNull(accountInvitations.replacedAt),
        gt(accountInvitations.expiresAt, now),
      ),
    );
  const rows = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      canSignIn: sql<boolean>`(${users.passwordHash} is not null or ${users.oidcSubject} is not null)`,
      lastSignInAt: users.lastSignInAt,
      openSessions: sql<number>`(${openSessions})`,
      twoFactor: sql<boolean>`(${users.totpEnabledAt} is not null)`,
      companyIdentity: sql<boolean>`(${users.oidcSubject} is not null)`,
      invitationExpiresAt: sql<Date | string | null>`(${invitationEnd})`,
    })
    .from(users)
    .where(inArray(users.role, [...TEAM_ROLES]))
    .orderBy(asc(users.name), asc(users.id))
    .limit(1000);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as TeamMemberDTO["role"],
    state: row.disabledAt ? "disabled" : row.canSignIn ? "active" : "invited",
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    openSessions: Number(row.openSessions ?? 0),
    twoFactor: row.twoFactor,
    companyIdentity: row.companyIdentity,
    invitationExpiresAt: row.invitationExpiresAt ? new Date(row.invitationExpiresAt).toISOString() : null,
  }));
}
