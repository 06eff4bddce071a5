import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import type { DigestFacts } from "../../shared/digest-facts";
import { enqueueEmail } from "./enqueue-email";
import { digestData } from "./channels/event-data";
import { renderDigestEmail } from "./digest-email";

export const DIGEST_KEY_PREFIX = "support-digest:";
export const digestDedupeKey = (day: string) => `${DIGEST_KEY_PREFIX}${day}`;

/** Queues the digest of `day` (its local date): once per day, whoever queues it first. */
export async function queueDigestEmail(
  ctx: ServiceContext,
  input: { day: string; recipient: string; facts: DigestFacts },
): Promise<boolean> {
  const appUrl = getConfig().auth.url;
  const email = renderDigestEmail(input.facts, { day: input.day, appUrl });
  return enqueueEmail(ctx, {
    event: { dedupeKey: digestDedupeKey(input.day), type: "digest", data: digestData(input.day, input.facts, appUrl) },
    dedupeKey: digestDedupeKey(input.day),
    kind: "support.digest",
    recipient: input.recipient,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}
