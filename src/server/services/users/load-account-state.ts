import { eq } from "drizzle-orm";
import { users, type UserRole } from "../../db/schema";
import { resolveDb, type ServiceContext } from "../../db/transaction";

export interface AccountState {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}

/** The account as the database has it now, or null when it was deleted or disabled. */
export async function loadAccountState(userId: string, ctx?: ServiceContext): Promise<AccountState | null> {
  const db = await resolveDb(ctx);
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.disabledAt !== null) return null;
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}
