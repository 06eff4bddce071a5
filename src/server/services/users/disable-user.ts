import { and, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { NotFoundError, ValidationError } from "../../errors";
import { recordAudit } from "../audit/audit.service";
import { revokeAllUserSessions } from "./user-sessions";

const DisableUserInput = z.object({
  email: z.email("Adresse e-mail invalide.").transform((email) => email.trim().toLowerCase()),
});

/**
 * Disables an account: it can no longer sign in, and its open sessions are revoked at once (their next request is
 * refused). Disabling an account already disabled changes nothing and says so.
 */
export async function disableUser(
  ctx: ServiceContext,
  input: { email: string },
): Promise<{ id: string; email: string; alreadyDisabled: boolean }> {
  const parsed = DisableUserInput.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join(" "), parsed.error.issues);
  return inTransaction(ctx, async (tx) => {
    const byEmail = sql`lower(${users.email}) = ${parsed.data.email}`;
    const [disabled] = await tx.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(and(byEmail, isNull(users.disabledAt)))
      .returning({ id: users.id });
    if (!disabled) {
      const [existing] = await tx.db.select({ id: users.id }).from(users).where(byEmail).limit(1);
      if (!existing) throw new NotFoundError("Compte", parsed.data.email);
      return { id: existing.id, email: parsed.data.email, alreadyDisabled: true };
    }
    await recordAudit(tx, {
      action: "user.disabled",
      entityType: "user",
      entityId: disabled.id,
      data: { email: parsed.data.email },
    });
    await revokeAllUserSessions(tx, { userId: disabled.id, reason: "disabled" });
    return { id: disabled.id, email: parsed.data.email, alreadyDisabled: false };
  });
}
