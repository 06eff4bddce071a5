import { sql } from "drizzle-orm";
import { users, type UserRole } from "../../db/schema";
import { resolveDb, type ServiceContext } from "../../db/transaction";
import { hashPassword, verifyPassword } from "../../auth/password";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

// Hashing even for an unknown email keeps the response time from telling which emails exist.
let decoyHash: Promise<string> | undefined;

export async function authenticateUser(email: string, password: string, ctx?: ServiceContext): Promise<AuthenticatedUser | null> {
  const db = await resolveDb(ctx);
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  if (!user) {
    decoyHash ??= hashPassword("decoy-password-1");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
