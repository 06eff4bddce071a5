import { index, pgTable, text } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn } from "./columns";
import { users } from "./users";

/**
 * One row per sign-in; its id travels in the session token. Every request checks the row, so signing out (this
 * session), « Se déconnecter partout » and `npm run user:disable` (every session of the account) end a token at once,
 * not when it expires.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
    expiresAt: timestampColumn("expires_at").notNull(),
    revokedAt: timestampColumn("revoked_at"),
    /** How it was opened: `password` (with its second factor, if any) or `oidc` (the company's provider). */
    method: text("method").$type<"password" | "oidc">().notNull().default("password"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId), index("user_sessions_expires_idx").on(t.expiresAt)],
);

export type UserSession = typeof userSessions.$inferSelect;
