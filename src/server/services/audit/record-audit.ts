import { auditLogs } from "../../db/schema";
import type { Database } from "../../db/database";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/** Appends one audit row; call it with the transaction that makes the change it records. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLogs).values({ ...entry, data: entry.data ?? {} });
}
