import { pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestampColumn, timestamps } from "./columns";

export const USER_ROLES = ["host", "support", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const userRole = pgEnum("user_role", USER_ROLES);

export const users = pgTable(
  "users",
  {
    id: idColumn(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: userRole("role").notNull(),
    /** Set by `npm run user:disable`: the account can no longer sign in, and its open sessions end. */
    disabledAt: timestampColumn("disabled_at"),
    ...timestamps,
  },
  // Emails are compared case-insensitively, so uniqueness is on the lowered value.
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export type User = typeof users.$inferSelect;
