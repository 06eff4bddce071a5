import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";
import { users } from "./users";
import { apiKeys } from "./api-keys";

// Append-only: nothing in the application updates or deletes these rows.
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** A change made through the integration API: the key that made it (« clé API Plateforme »), never a user. */
    apiKeyId: text("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("audit_logs_entity_idx").on(t.entityType, t.entityId, t.createdAt),
    // « Journal »: newest first (by id, the order rows were written), by who or by what, each a range scan in that
    // order; the whole log reads the primary key backwards.
    index("audit_logs_actor_idx").on(t.actorId, t.id),
    index("audit_logs_api_key_idx").on(t.apiKeyId, t.id),
    index("audit_logs_action_idx").on(t.action, t.id),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
