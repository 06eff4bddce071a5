import { eq } from "drizzle-orm";
import { users, type User } from "../../db/schema";
import type { TransactionContext } from "../../service-context";
import { NotFoundError } from "../../errors";
import { isEntityId } from "../../validation";

/**
 * A support or admin account, locked for a change from « Équipe »; a host or an unknown id is not found. The command
 * line (`hosts: true`) reaches hosts too.
 */
export async function lockTeamMember(
  tx: TransactionContext,
  userId: string,
  options: { hosts?: boolean } = {},
): Promise<User> {
  if (!isEntityId(userId)) throw new NotFoundError("Compte", userId);
  const [account] = await tx.db.select().from(users).where(eq(users.id, userId)).for("update");
  if (!account || (account.role === "host" && !options.hosts)) throw new NotFoundError("Compte", userId);
  return account;
}
