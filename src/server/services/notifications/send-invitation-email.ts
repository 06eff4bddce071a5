import type { ServiceContext } from "../../service-context";
import { enqueueEmail } from "./enqueue-email";
import { renderInvitationEmail, type InvitationFacts } from "./invitation-email";

/** Queues the invitation in the caller's transaction: once per invitation (its id is the dedupe key). */
export async function queueInvitationEmail(
  ctx: ServiceContext,
  input: { invitationId: string; recipient: string; facts: InvitationFacts },
): Promise<boolean> {
  const email = renderInvitationEmail(input.facts);
  return enqueueEmail(ctx, {
    dedupeKey: `invitation:${input.invitationId}`,
    kind: "account.invitation",
    recipient: input.recipient,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}
