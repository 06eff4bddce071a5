// The request bodies and queries the route handlers validate that belong to no service: each route parses with
// these, and the API description (openapi-document.ts) is generated from the same objects.
import { z } from "zod";
import { lineText, text } from "../validation";
import { ResolutionNote } from "../services/alerts/alerts.service";
import { AlertNoteText } from "../services/alerts/alerts.service";
import { DismissReason } from "../services/conflicts/conflicts.service";
import { MAX_BULK_ALERTS } from "../services/alerting/alerting.service";

export const ResolveAlertBody = z.object({ note: ResolutionNote.optional() }).strict();
export const ResolveIncidentBody = z.object({}).strict();
export const AssigneeBody = z.object({ userId: text().trim().min(1).max(64).nullable() }).strict();
export const NoteBody = z.object({ text: AlertNoteText }).strict();
export const DismissConflictBody = z.object({ reason: DismissReason }).strict();
export const ClearProviderHoldBody = z.object({ provider: lineText().trim().min(1).max(255) }).strict();
export const AlertListView = z.object({
  view: z.enum(["full", "summary"], { message: "« view » vaut full ou summary." }).default("full"),
});

// Which alerts: the ids, or the list's filters. The rest of the body is the action (BulkAction, strict).
export const BulkSelection = z
  .object({
    ids: z.array(text().max(64)).max(MAX_BULK_ALERTS, `Au plus ${MAX_BULK_ALERTS} alertes à la fois.`).optional(),
    filter: z.record(text().max(32), text().max(512)).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    message: "Donnez « ids » ou « filter », l'un des deux.",
    path: ["ids"],
  });
