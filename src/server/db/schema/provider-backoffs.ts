import { pgTable, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";

/**
 * A provider that asked us to wait (429, or 503 with Retry-After): none of its feeds is claimed before `until`.
 * One row per provider, so a storm of such answers is one upsert each, not a rewrite of the provider's feeds.
 */
export const providerBackoffs = pgTable("provider_backoffs", {
  providerKey: text("provider_key").primaryKey(),
  until: timestampColumn("until").notNull(),
});
