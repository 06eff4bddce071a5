import { alertEvents } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { ValidationError, words } from "../../errors";
import { ResolutionNote } from "./resolve-alert";
import { recordAudit } from "../audit/audit.service";
import { lockAlert } from "./lock-alert";

// The resolution note's rules, and not empty.
export const AlertNoteText = ResolutionNote.min(1, "La note est vide.");

export interface AlertNoteDTO {
  id: number;
  alertId: string;
  text: string;
  author: { id: string; name: string };
  occurredAt: string;
}

/** A note on an alert's timeline, open or resolved (what was tried, who was called), by the acting agent. Audited. */
export async function addAlertNote(
  ctx: ServiceContext,
  input: { alertId: string; text: string; now?: Date },
): Promise<AlertNoteDTO> {
  const author = authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const parsed = AlertNoteText.safeParse(input.text);
  if (!parsed.success) throw new ValidationError(words("badNote"), parsed.error.issues);
  return inTransaction(ctx, async (tx) => {
    const alert = await lockAlert(tx, { alertId: input.alertId });
    const occurredAt = input.now ?? new Date();
    const [note] = await tx.db
      .insert(alertEvents)
      .values({ alertId: alert.id, kind: "note", actorId: author.id, text: parsed.data, occurredAt })
      .returning({ id: alertEvents.id });
    await recordAudit(tx, {
      action: "calendar_sync_alert.note_added",
      entityType: "calendar_sync_alert",
      entityId: alert.id,
      data: { noteId: note!.id, length: parsed.data.length },
    });
    return {
      id: note!.id,
      alertId: alert.id,
      text: parsed.data,
      author: { id: author.id, name: author.name },
      occurredAt: occurredAt.toISOString(),
    };
  });
}
