import type { UserRole } from "../db/schema/users";

declare module "next-auth" {
  interface User {
    role: UserRole;
  }

  interface Session {
    user: { id: string; role: UserRole; name: string; email: string };
    /** The user_sessions row this token belongs to: checked on every request. */
    sid: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id: string;
    role: UserRole;
    sid: string;
  }
}
