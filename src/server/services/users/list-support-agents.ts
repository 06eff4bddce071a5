import { and, asc, inArray, isNull } from "drizzle-orm";
import { users } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
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
