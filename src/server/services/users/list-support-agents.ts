import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { users } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { isEntityId } from "../../validation";
import { authorizeViewer } from "../../actor";
import type { UserRole } from "../../db/schema";

// The back-office roles (auth/roles.ts names them too; accounts never import the session layer).
const AGENT_ROLES: UserRole[] = ["support", "admin"];

/** The active support and admin accounts, by name: who an alert can be given to. No e-mail address. */
export async function listSupportAgents(ctx: ServiceContext): Promise<Array<{ id: string; name: string }>> {
  authorizeViewer(ctx.actor, AGENT_ROLES);
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, AGENT_ROLES), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.id))
    .limit(500);
}

/** The active support or admin account `userId` names: one an alert can be given to (null if none: unknown, disabled, a host). */
export async function findActiveBackOfficeUser(
  ctx: ServiceContext,
  userId: string,
): Promise<{ id: string; name: string } | null> {
  if (!isEntityId(userId)) return null;
  const [found] = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), inArray(users.role, AGENT_ROLES), isNull(users.disabledAt)));
  return found ?? null;
}
