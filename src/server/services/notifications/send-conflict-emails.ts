import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import { enqueueEmail } from "./enqueue-email";
import { conflictData } from "./channels/event-data";
import { renderConflictHostEmail, renderConflictSupportEmail, type ConflictEmailFacts } from "./conflict-email";

/**
 * Queues a conflict's two e-mails, to support and to the listing's host, in the outbox: each exists once per conflict
 * (dedupe keys booking-conflict:<id>:support and :host), however many workers detect it.
 */
export async function sendConflictEmails(
  ctx: ServiceContext,
  input: { facts: ConflictEmailFacts; hostEmail: string },
): Promise<number> {
  const { auth, mail } = getConfig();
  const { facts } = input;
  const support = renderConflictSupportEmail(facts, auth.url);
  const host = renderConflictHostEmail(facts, auth.url);
  const event = {
    dedupeKey: `booking-conflict:${facts.id}:detected`,
    type: "conflict.detected" as const,
    data: conflictData(facts, auth.url),
    conflictId: facts.id,
  };
  let queued = 0;
  if (
    await enqueueEmail(ctx, {
      event,
      dedupeKey: `booking-conflict:${facts.id}:support`,
      kind: "booking_conflict.opened",
      recipient: mail.supportEmail,
      subject: support.subject,
      textBody: support.text,
      htmlBody: support.html,
    })
  )
    queued++;
  if (
    await enqueueEmail(ctx, {
      dedupeKey: `booking-conflict:${facts.id}:host`,
      kind: "booking_conflict.host_notice",
      recipient: input.hostEmail,
      subject: host.subject,
      textBody: host.text,
      htmlBody: host.html,
    })
  )
    queued++;
  return queued;
}
