import { index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";

/**
 * A provider asked us to wait (429, or 503 with Retry-After) while syncing a feed of `ownerId`: that owner's feeds of
 * the provider are not claimed before `until`. The whole provider waits only while hints of at least
 * PROVIDER_HOLD_MIN_OWNERS owners are in force, so one host's feed (or its own server) cannot pause everyone's.
 * One row per provider and owner: a storm of such answers is one upsert each.
 */
export const providerRetryHints = pgTable(
  "provider_retry_hints",
  {
    providerKey: text("provider_key").notNull(),
    ownerId: text("owner_id").notNull(),
    until: timestampColumn("until").notNull(),
    hintedAt: timestampColumn("hinted_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "provider_retry_hints_pk", columns: [t.providerKey, t.ownerId] }),
    index("provider_retry_hints_until_idx").on(t.until),
  ],
);

export type ProviderRetryHint = typeof providerRetryHints.$inferSelect;
