import { eq, sql } from "drizzle-orm";
import { users, type User } from "../../db/schema";
import { authorizeViewer } from "../../actor";
import { ConflictError, NotFoundError, words } from "../../errors";
import type { TransactionContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { assertNotLastActiveAdmin } from "./active-admins";
import { lockTeamMember } from "./team-member";
import { revokeAllUserSessions } from "./user-sessions";

export interface AccountAccessChange {
  id: string;
  name: string;
  email: string;
  /** False when the account already was as asked: nothing changed, nothing audited. */
  changed: boolean;
}

/** An admin, or the command line (`npm run user:disable`). */
function authorizeAccessChange(tx: TransactionContext): void {
  if (tx.actor.role !== "system") authorizeViewer(tx.actor, ["admin"]);
}

/**
 * Disables a support or admin account (« Équipe », `user:disable`): it can no longer sign in, and every open session
 * ends at once. Not oneself, nor the last active admin (409). In the caller's transaction; ../team releases its alerts
 * in the same one.
 */
export async function disableAccount(
  tx: TransactionContext,
  input: { userId: string; now: Date },
): Promise<AccountAccessChange> {
  authorizeAccessChange(tx);
  if (tx.actor.id === input.userId) throw new ConflictError(words("selfChange"));
  // The admins' rows first, then the account's: every change of « Équipe » takes them in this order.
  await assertNotLastActiveAdmin(tx, input.userId);
  const account = await lockTeamMember(tx, input.userId, { hosts: tx.actor.role === "system" });
  if (account.disabledAt) return { ...summary(account), changed: false };
  await tx.db.update(users).set({ disabledAt: input.now, updatedAt: input.now }).where(eq(users.id, account.id));
  await recordAudit(tx, {
    action: "user.disabled",
    entityType: "user",
    entityId: account.id,
    data: { email: account.email },
  });
  await revokeAllUserSessions(tx, { userId: account.id, reason: "disabled" });
  return { ...summary(account), changed: true };
}

/** « Réactiver »: the account signs in again, with what it had (password, company identity, two-factor). */
export async function enableAccount(
  tx: TransactionContext,
  input: { userId: string; now: Date },
): Promise<AccountAccessChange> {
  authorizeAccessChange(tx);
  const account = await lockTeamMember(tx, input.userId, { hosts: tx.actor.role === "system" });
  if (!account.disabledAt) return { ...summary(account), changed: false };
  await tx.db.update(users).set({ disabledAt: null, updatedAt: input.now }).where(eq(users.id, account.id));
  await recordAudit(tx, {
    action: "user.enabled",
    entityType: "user",
    entityId: account.id,
    data: { email: account.email },
  });
  return { ...summary(account), changed: true };
}

/** The account `user:disable` names by its address. */
export async function teamMemberIdByEmail(tx: TransactionContext, email: string): Promise<string> {
  const normalised = email.trim().toLowerCase();
  const [account] = await tx.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalised}`)
    .limit(1);
  if (!account) throw new NotFoundError("Compte", normalised);
  return account.id;
}

const summary = (account: User) => ({ id: account.id, name: account.name, email: account.email });
