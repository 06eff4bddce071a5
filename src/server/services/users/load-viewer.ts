import { and, eq, isNull } from "drizzle-orm";
import { users } from "../../db/schema";
import type { Viewer } from "../../actor";
import type { ServiceContext } from "../../service-context";

/** The account as a Viewer, for acting on its behalf outside a session (the story's resolveAlert); null when unknown or disabled. */
export async function loadViewer(ctx: ServiceContext, userId: string): Promise<Viewer | null> {
  const [user] = await ctx.db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  return user ?? null;
}
