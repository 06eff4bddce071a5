import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";

/**
 * Failed sign-in attempts per e-mail and per client address ("email:…", "address:…"), shared by every app
 * instance. An attempt is counted before the password is hashed, so a burst cannot hash more than the limit.
 */
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: timestampColumn("window_started_at").notNull(),
  lockedUntil: timestampColumn("locked_until"),
});

export type LoginThrottle = typeof loginThrottles.$inferSelect;
