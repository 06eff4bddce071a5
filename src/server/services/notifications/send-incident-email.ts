import { getConfig } from "../../config";
import type { Database } from "../../db/database";
import type { ProviderIncident } from "../../db/schema";
import { enqueueEmail } from "./enqueue-email";
import { renderIncidentOpenedEmail, renderIncidentResolvedEmail } from "./incident-email";

/** Queues an incident's opening or resolution e-mail in the caller's transaction; each exists once per incident. */
export async function sendIncidentEmail(db: Database, kind: "opened" | "resolved", incident: ProviderIncident): Promise<boolean> {
  const { auth, mail } = getConfig();
  const email = kind === "opened" ? renderIncidentOpenedEmail(incident, auth.url) : renderIncidentResolvedEmail(incident, auth.url);
  return enqueueEmail(db, {
    dedupeKey: `provider-incident-${kind}:${incident.id}`,
    kind: `provider_incident.${kind}`,
    recipient: mail.supportEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}
