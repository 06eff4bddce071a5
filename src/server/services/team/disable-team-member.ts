import { inTransaction, type ServiceContext } from "../../service-context";
import { releaseAssignmentsOf } from "../alerts/alerts.service";
import { disableAccount, enableAccount, teamMemberIdByEmail, type AccountAccessChange } from "../users/users.service";

/**
 * « Désactiver » in « Équipe » and `npm run user:disable`: the account stops signing in, its sessions end at once,
 * and its open alerts go back to « Non assignées » with a timeline entry, all in one transaction.
 */
export async function disableTeamMember(
  ctx: ServiceContext,
  input: { userId: string; now?: Date },
): Promise<AccountAccessChange & { releasedAlerts: number }> {
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const change = await disableAccount(tx, { userId: input.userId, now });
    const releasedAlerts = change.changed
      ? await releaseAssignmentsOf(tx, { userId: change.id, userName: change.name, now })
      : 0;
    return { ...change, releasedAlerts };
  });
}

/** `npm run user:disable -- --email E`: the same, for the account with that address. */
export async function disableUserByEmail(
  ctx: ServiceContext,
  input: { email: string; now?: Date },
): Promise<AccountAccessChange & { releasedAlerts: number }> {
  return inTransaction(ctx, async (tx) =>
    disableTeamMember(tx, { userId: await teamMemberIdByEmail(tx, input.email), now: input.now }),
  );
}

/** « Réactiver »: the account signs in again with what it had (password, company identity, two-factor). */
export async function enableTeamMember(
  ctx: ServiceContext,
  input: { userId: string; now?: Date },
): Promise<AccountAccessChange> {
  return inTransaction(ctx, (tx) => enableAccount(tx, { userId: input.userId, now: input.now ?? new Date() }));
}
