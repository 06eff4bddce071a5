import { eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "../../db/database";
import { users } from "../../db/schema";

/** Locks an account's row until the caller's transaction ends: its changes are then admitted one at a time. */
export async function lockUser(db: Database | Transaction, userId: string): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

/** The name of the account a column holds, for another area's select (null when it is gone). */
export function userNameOf(userIdColumn: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${userIdColumn})`;
}
