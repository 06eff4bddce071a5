import { getConfig } from "../../config";
import type { ProviderIncident } from "../../db/schema";
import { enqueueEmail } from "./enqueue-email";
import { incidentData } from "./channels/event-data";
import { renderIncidentOpenedEmail, renderIncidentResolvedEmail } from "./incident-email";
import type { ServiceContext } from "../../service-context";

/** Queues an incident's opening or resolution e-mail in the caller's transaction; each exists once per incident. */
export async function sendIncidentEmail(
  ctx: ServiceContext,
  input: { kind: "opened" | "resolved"; incident: ProviderIncident },
): Promise<boolean> {
  const { kind, incident } = input;
  const { auth, mail } = getConfig();
  const email =
    kind === "opened" ? renderIncidentOpenedEmail(incident, auth.url) : renderIncidentResolvedEmail(incident, auth.url);
  return enqueueEmail(ctx, {
    event: {
      dedupeKey: `provider-incident-${kind}:${incident.id}`,
      type: `incident.${kind}`,
      data: incidentData(incident, auth.url),
      providers: [incident.providerKey],
    },
    dedupeKey: `provider-incident-${kind}:${incident.id}`,
    kind: `provider_incident.${kind}`,
    recipient: mail.supportEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    // The resolution answers the opening: one thread in the mail client.
    repliesTo: kind === "resolved" ? `provider-incident-opened:${incident.id}` : undefined,
  });
}
