import { and, eq } from "drizzle-orm";
import { bookingConflicts, type BookingConflict } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { ConflictError, NotFoundError, ValidationError, words } from "../../errors";
import { isEntityId, paragraphText } from "../../validation";
import { recordAudit } from "../audit/audit.service";
import { recordEvent } from "../events/events.service";

export const DismissReason = paragraphText()
  .trim()
  .min(1, "Une raison est obligatoire.")
  .max(500, "La raison ne doit pas dépasser 500 caractères.");

/**
 * « Pas un conflit »: support closes an open conflict with a reason (audited). The same two stays with the same
 * dates are then not raised again; changed dates raise a new conflict. 404 unknown, 409 already closed.
 */
export async function dismissConflict(
  ctx: ServiceContext,
  input: { conflictId: string; reason: string; now?: Date },
): Promise<BookingConflict> {
  const agent = authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const reason = DismissReason.safeParse(input.reason);
  if (!reason.success) throw new ValidationError(words("badReason"), reason.error.issues);
  if (!isEntityId(input.conflictId)) throw new NotFoundError("Conflit", input.conflictId);
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const [dismissed] = await tx.db
      .update(bookingConflicts)
      .set({ status: "dismissed", resolvedAt: now, resolution: reason.data, dismissedBy: agent.id, updatedAt: now })
      .where(and(eq(bookingConflicts.id, input.conflictId), eq(bookingConflicts.status, "open")))
      .returning();
    if (!dismissed) {
      const [existing] = await tx.db
        .select({ status: bookingConflicts.status, resolvedAt: bookingConflicts.resolvedAt })
        .from(bookingConflicts)
        .where(eq(bookingConflicts.id, input.conflictId));
      if (!existing) throw new NotFoundError("Conflit", input.conflictId);
      throw new ConflictError(words("conflictClosed"), {
        status: existing.status,
        resolvedAt: existing.resolvedAt?.toISOString() ?? null,
      });
    }
    await recordAudit(tx, {
      action: "booking_conflict.dismissed",
      entityType: "booking_conflict",
      entityId: dismissed.id,
      data: { reason: reason.data },
    });
    await recordEvent(tx, {
      type: "conflict.resolved",
      conflictId: dismissed.id,
      how: "dismissed",
      resolvedAt: now.toISOString(),
    });
    return dismissed;
  });
}
