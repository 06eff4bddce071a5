import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn } from "./columns";
import { users } from "./users";

/**
 * The ten single-use recovery codes given at two-factor enrolment, each stored as its SHA-256 (shown once). A code
 * is spent by one guarded update (`used_at is null`), so it signs in once, whatever runs at the same time.
 */
export const totpRecoveryCodes = pgTable(
  "totp_recovery_codes",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestampColumn("used_at"),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("totp_recovery_codes_user_code_key").on(t.userId, t.codeHash)],
);
