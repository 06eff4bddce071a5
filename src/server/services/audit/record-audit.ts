import { auditLogs } from "../../db/schema";
import type { ServiceContext } from "../../service-context";

export interface AuditEntry {
  /** Who made the change; the context's actor when left out (null for the system). */
  actorId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/**
 * Appends one audit row; call it with the transaction that makes the change it records. A platform's key is recorded
 * as the key (api_key_id), never as a user.
 */
export async function recordAudit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const byKey = ctx.actor.role === "api-key";
  const actorId = entry.actorId === undefined ? (byKey ? null : ctx.actor.id) : entry.actorId;
  await ctx.db
    .insert(auditLogs)
    .values({ ...entry, actorId, apiKeyId: byKey ? ctx.actor.id : null, data: entry.data ?? {} });
}

/**
 * The head of an audit insert, for a statement that records its change and its audit rows at once (a CTE):
 * `${AUDIT_INSERT} select actor_id, api_key_id, action, entity_type, entity_id, data from …`.
 */
export const AUDIT_INSERT = "insert into audit_logs (actor_id, api_key_id, action, entity_type, entity_id, data)";
