import { index, pgTable, text } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn } from "./columns";
import { users } from "./users";

/**
 * Each link a host saves (add or replace) is fetched once by a check: one row per check, so the database counts a
 * host's saves of the last hour and its checks in flight (finished_at null, lease not expired) in the statement
 * that admits a new one. Rows older than a day are deleted by retention.
 */
export const hostLinkChecks = pgTable(
  "host_link_checks",
  {
    id: idColumn(),
    hostId: text("host_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startedAt: timestampColumn("started_at").notNull(),
    /** A check whose process died stops counting as in flight after this. */
    expiresAt: timestampColumn("expires_at").notNull(),
    finishedAt: timestampColumn("finished_at"),
  },
  (t) => [index("host_link_checks_host_started_idx").on(t.hostId, t.startedAt)],
);

export type HostLinkCheck = typeof hostLinkChecks.$inferSelect;
