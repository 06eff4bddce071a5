import { and, eq, isNull, or, isNotNull } from "drizzle-orm";
import { users } from "../../db/schema";
import type { TransactionContext } from "../../service-context";
import { ConflictError, words } from "../../errors";
import { errorsCatalogue } from "../../../i18n/catalogue/errors";

export const LAST_ADMIN_MESSAGE = errorsCatalogue.fr.lastAdmin;

/**
 * Refuses (409) to take `userId` out of the active admins when it is the last one. The active admins' rows are locked
 * first, so two admins removing each other at once are serialised: the second sees the first's change and is refused.
 * An admin is active when it is enabled and can sign in (a password or a bound company identity).
 */
export async function assertNotLastActiveAdmin(tx: TransactionContext, userId: string): Promise<void> {
  const admins = await tx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "admin"),
        isNull(users.disabledAt),
        or(isNotNull(users.passwordHash), isNotNull(users.oidcSubject)),
      ),
    )
    .orderBy(users.id)
    .for("update");
  if (admins.some((admin) => admin.id === userId) && admins.length <= 1) throw new ConflictError(words("lastAdmin"));
}
