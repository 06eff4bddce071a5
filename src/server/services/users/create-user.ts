import { z } from "zod";
import { users, USER_ROLES, type User } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { ConflictError, isUniqueViolation, ValidationError, words } from "../../errors";
import { hashPassword, passwordWeakness } from "./password";
import { recordAudit } from "../audit/audit.service";
import { lineText } from "../../validation";

export const CreateUserInput = z.object({
  email: z.email("Adresse e-mail invalide.").transform((email) => email.trim().toLowerCase()),
  name: lineText().trim().min(1, "Le nom est obligatoire.").max(200),
  role: z.enum(USER_ROLES, { error: `Rôle inconnu : choisir parmi ${USER_ROLES.join(", ")}.` }),
  /** Left out for an account that chooses its own through an invitation (`user:create -- --invite`). */
  password: z.string().optional(),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export type PublicUser = Omit<User, "passwordHash">;

export async function createUser(ctx: ServiceContext, input: CreateUserInput): Promise<PublicUser> {
  const parsed = CreateUserInput.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join(" "), parsed.error.issues);
  const { password } = parsed.data;
  const weakness = password === undefined ? null : passwordWeakness(password);
  if (weakness) throw new ValidationError(weakness, [{ path: ["password"], message: weakness }]);

  const passwordHash = password === undefined ? null : await hashPassword(password);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [created] = await tx.db
        .insert(users)
        .values({ email: parsed.data.email, name: parsed.data.name, role: parsed.data.role, passwordHash })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        action: "user.created",
        entityType: "user",
        entityId: created.id,
        data: { email: created.email, role: created.role },
      });
      const { passwordHash: _hash, ...publicUser } = created;
      return publicUser;
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_lower_key")) {
      throw new ConflictError(words("accountExists", { email: parsed.data.email }), { field: "email" });
    }
    throw error;
  }
}
