import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { authorizeViewer } from "../../actor";
import { ConflictError, ValidationError, words } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { assertNotLastActiveAdmin } from "./active-admins";
import { lockTeamMember } from "./team-member";

export const TEAM_ROLES = ["support", "admin"] as const;
export const ChangeRoleBody = z
  .object({ role: z.enum(TEAM_ROLES, { error: "Rôle inconnu : « support » ou « admin »." }) })
  .strict();

/**
 * « Rôle » in « Équipe »: support ↔ admin. The new role holds from the account's next request (every request reads
 * it). Not one's own, nor the last active admin's (409). Audited with both roles.
 */
export async function changeAccountRole(
  ctx: ServiceContext,
  input: { userId: string; role: unknown; now?: Date },
): Promise<{ id: string; role: (typeof TEAM_ROLES)[number]; changed: boolean }> {
  authorizeViewer(ctx.actor, ["admin"]);
  const parsed = ChangeRoleBody.safeParse({ role: input.role });
  if (!parsed.success) throw new ValidationError(words("unknownRole"), parsed.error.issues);
  const { role } = parsed.data;
  if (ctx.actor.id === input.userId) throw new ConflictError(words("selfChange"));
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    if (role !== "admin") await assertNotLastActiveAdmin(tx, input.userId);
    const account = await lockTeamMember(tx, input.userId);
    if (account.role === role) return { id: account.id, role, changed: false };
    await tx.db.update(users).set({ role, updatedAt: now }).where(eq(users.id, account.id));
    await recordAudit(tx, {
      action: "user.role_changed",
      entityType: "user",
      entityId: account.id,
      data: { from: account.role, to: role },
    });
    return { id: account.id, role, changed: true };
  });
}
