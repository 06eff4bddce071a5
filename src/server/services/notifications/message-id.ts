import { createHash } from "node:crypto";

// Ours, and stable: derived from the outbox row's dedupe key, so a reply can name its parent before the parent is
// sent (or even if it never is), and a resend after a crash carries the same Message-ID.
const DOMAIN = "calendar-sync-alerts";

/** The Message-ID of the e-mail queued under `dedupeKey`: `<32 hex digits@calendar-sync-alerts>`. */
export function messageIdFor(dedupeKey: string): string {
  return `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32)}@${DOMAIN}>`;
}
