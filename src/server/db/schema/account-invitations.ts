import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn } from "./columns";
import { users } from "./users";

/**
 * A single-use link to choose one's password (INVITATION_HOURS): the token is shown only in the e-mail, stored as its
 * SHA-256. A newer invitation replaces the account's previous ones (`replacedAt`).
 */
export const accountInvitations = pgTable(
  "account_invitations",
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
  (t) => [
    uniqueIndex("account_invitations_token_key").on(t.tokenHash),
    index("account_invitations_user_idx").on(t.userId),
  ],
);

export type AccountInvitation = typeof accountInvitations.$inferSelect;
