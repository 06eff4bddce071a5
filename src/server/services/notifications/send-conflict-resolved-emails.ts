import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import { enqueueEmail } from "./enqueue-email";
import { conflictResolvedData } from "./channels/event-data";
import { renderConflictResolvedEmails, type ConflictEmailFacts, type ConflictEnd } from "./conflict-email";

/**
 * A told conflict is over: one « [Résolu] » to each recipient of its e-mails, in their threads, and the channels'
 * conflict.resolved, in the caller's transaction; each once per conflict (dedupe keys).
 */
export async function sendConflictResolvedEmails(
  ctx: ServiceContext,
  input: { facts: ConflictEmailFacts; hostEmail: string; how: ConflictEnd; resolvedAt: string | null },
): Promise<number> {
  const { auth, mail } = getConfig();
  const { facts } = input;
  const { support, host } = renderConflictResolvedEmails(facts, input.how, auth.url);
  const key = `booking-conflict:${facts.id}`;
  const event = {
    dedupeKey: `${key}:resolved`,
    type: "conflict.resolved" as const,
    conflictId: facts.id,
    data: conflictResolvedData({ ...facts, how: input.how, resolvedAt: input.resolvedAt }, auth.url),
  };
  let queued = 0;
  if (
    await enqueueEmail(ctx, {
      event,
      dedupeKey: `${key}:support-resolved`,
      kind: "booking_conflict.resolved",
      recipient: mail.supportEmail,
      subject: support.subject,
      textBody: support.text,
      htmlBody: support.html,
      repliesTo: `${key}:support`,
    })
  )
    queued++;
  if (
    await enqueueEmail(ctx, {
      dedupeKey: `${key}:host-resolved`,
      kind: "booking_conflict.host_resolved",
      recipient: input.hostEmail,
      subject: host.subject,
      textBody: host.text,
      htmlBody: host.html,
      repliesTo: `${key}:host`,
    })
  )
    queued++;
  return queued;
}
