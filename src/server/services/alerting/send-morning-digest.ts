import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import { digestHasNews } from "../../shared/digest-facts";
import { zonedDayAndHour, zonedWallClock } from "../../shared/platform-time";
import { readDigestFacts } from "./read-digest-facts";
import { findDigestDays, recordEvent } from "../events/events.service";

export type DigestOutcome = "not-yet" | "already" | "nothing" | "queued";

/**
 * The morning digest, run by every worker: from DIGEST_HOUR in DIGEST_TIME_ZONE, the day's digest is queued once to
 * SUPPORT_EMAIL, as the `digest` event (its key is the local date, so several workers, or one started late in the
 * day, record it once). What opened and resolved is counted since the previous digest's morning (its day at DIGEST_HOUR; the
 * last day, for the first). None when there is
 * nothing to say. Says what it did.
 */
export async function sendMorningDigest(
  ctx: ServiceContext,
  input: { now?: Date; hour?: number; timeZone?: string; recipient?: string } = {},
): Promise<{ outcome: DigestOutcome; day: string }> {
  const config = getConfig();
  const now = input.now ?? new Date();
  const timeZone = input.timeZone ?? config.digest.timeZone;
  const digestHour = input.hour ?? config.digest.hour;
  const { day, hour } = zonedDayAndHour(now, timeZone);
  if (hour < digestHour) return { outcome: "not-yet", day };
  const { recorded, previousDay } = await findDigestDays(ctx, day);
  if (recorded) return { outcome: "already", day };
  // Since the previous digest's morning: its day, at the digest's hour (its e-mail leaves then or later).
  const since = previousDay ? zonedWallClock(previousDay, digestHour, timeZone) : new Date(now.getTime() - 86_400_000);
  const facts = await readDigestFacts(ctx, { now, since });
  if (!digestHasNews(facts)) return { outcome: "nothing", day };
  const recipient = input.recipient ?? config.mail.supportEmail;
  const queued = await recordEvent(ctx, { type: "digest", day, digest: facts, recipient });
  return { outcome: queued ? "queued" : "already", day };
}
