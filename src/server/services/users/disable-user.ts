import { and, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { withTransaction, type ServiceContext } from "../../db/transaction";
import { NotFoundError, ValidationError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { revokeAllUserSessions } from "./user-sessions";

const DisableUserInput = z.object({ email: z.email("Adresse e-mail invalide.").transform((email) => email.trim().toLowerCase()) });

/**
 * Disables an account: it can no longer sign in, and its open sessions are revoked at once (their next request is
 * refused). Disabling an account already disabled changes nothing and says so.
 */
export async function disableUser(input: { email: string }, ctx: ServiceContext & { actorId?: string | null }): Promise<{ id: string; email: string; alreadyDisabled: boolean }> {
  const parsed = DisableUserInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join(" "), parsed.error.issues);
  return withTransaction(ctx, async (tx) => {
    const byEmail = sql`lower(${users.email}) = ${parsed.data.email}`;
    const [disabled] = await tx
      .update(users)
      .set({ disabledAt: new Date() })
      .where(and(byEmail, isNull(users.disabledAt)))
      .returning({ id: users.id });
    if (!disabled) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(byEmail).limit(1);
      if (!existing) throw new NotFoundError("Compte", parsed.data.email);
      return { id: existing.id, email: parsed.data.email, alreadyDisabled: true };
    }
    await recordAudit(tx, { actorId: ctx.actorId ?? null, action: "user.disabled", entityType: "user", entityId: disabled.id, data: { email: parsed.data.email } });
    await revokeAllUserSessions(tx, disabled.id, ctx.actorId ?? null, "disabled");
    return { id: disabled.id, email: parsed.data.email, alreadyDisabled: false };
  });
}
