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
    /** Null for an account that has not chosen one yet: a host the platform brought in, an invited agent. */
    passwordHash: text("password_hash"),
    /** The platform's own id for a host (integration API, listings:import): unique among accounts that have one. */
    externalId: text("external_id"),
    role: userRole("role").notNull(),
    /** Set by `npm run user:disable`: the account can no longer sign in, and its open sessions end. */
    disabledAt: timestampColumn("disabled_at"),
    ...timestamps,
  },
  // Emails are compared case-insensitively, so uniqueness is on the lowered value.
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_external_id_key")
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

export type User = typeof users.$inferSelect;
