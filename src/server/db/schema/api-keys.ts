import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn } from "./columns";
import { users } from "./users";

export const API_KEY_SCOPES = [
  "listings:write",
  "reservations:write",
  "alerts:read",
  "alerts:write",
  "conflicts:read",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A platform's key to the integration API (`/api/v1`). The key itself (`csa_` and 43 base62 characters) is shown
 * once and never stored: its SHA-256 is, and looked up by. `prefix` is what may be shown (« csa_AbCd… »).
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: idColumn(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().$type<ApiKeyScope[]>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
    expiresAt: timestampColumn("expires_at"),
    lastUsedAt: timestampColumn("last_used_at"),
    lastUsedFrom: text("last_used_from"),
    revokedAt: timestampColumn("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.keyHash),
    index("api_keys_active_idx")
      .on(t.createdAt)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Requests per key and minute: the rate limit, counted by one upsert per request. */
export const apiKeyMinutes = pgTable(
  "api_key_minutes",
  {
    keyId: text("key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    minute: timestampColumn("minute").notNull(),
    requests: integer("requests").notNull(),
  },
  (t) => [primaryKey({ name: "api_key_minutes_pkey", columns: [t.keyId, t.minute] })],
);

export type ApiKey = typeof apiKeys.$inferSelect;
