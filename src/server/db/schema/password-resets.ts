import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn } from "./columns";
import { users } from "./users";

/**
 * « Mot de passe oublié »: a single-use link to choose a new password (PASSWORD_RESET_MINUTES), its token shown only in
 * the e-mail and stored as its SHA-256. A newer request replaces the account's unused ones (`replacedAt`).
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestampColumn("expires_at").notNull(),
    usedAt: timestampColumn("used_at"),
    replacedAt: timestampColumn("replaced_at"),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("password_resets_token_key").on(t.tokenHash), index("password_resets_user_idx").on(t.userId)],
);

export type PasswordReset = typeof passwordResets.$inferSelect;
