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

/** Appends one audit row; call it with the transaction that makes the change it records. */
export async function recordAudit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await ctx.db.insert(auditLogs).values({ ...entry, actorId: entry.actorId === undefined ? ctx.actor.id : entry.actorId, data: entry.data ?? {} });
}
