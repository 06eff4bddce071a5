import { and, eq, like, lt, sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { emailOutbox } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { digestHasNews } from "../../shared/digest-facts";
import { zonedDayAndHour, zonedWallClock } from "../../shared/platform-time";
import { readDigestFacts } from "./read-digest-facts";
import { DIGEST_KEY_PREFIX, digestDedupeKey, queueDigestEmail } from "../notifications/send-digest-email";

export type DigestOutcome = "not-yet" | "already" | "nothing" | "queued";

/**
 * The morning digest, run by every worker: from DIGEST_HOUR in DIGEST_TIME_ZONE, the day's digest is queued once to
 * SUPPORT_EMAIL (its dedupe key is the local date, so several workers, or one started late in the day, queue it
 * once). What opened and resolved is counted since the previous digest's morning (its day at DIGEST_HOUR; the
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
  const key = digestDedupeKey(day);
  const [existing] = await ctx.db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, key))
    .limit(1);
  if (existing) return { outcome: "already", day };
  // Since the previous digest's morning: the day in its key, at the digest's hour (its e-mail leaves then or later).
  const [previous] = await ctx.db
    .select({ key: sql<string | null>`max(${emailOutbox.dedupeKey})` })
    .from(emailOutbox)
    .where(and(like(emailOutbox.dedupeKey, `${DIGEST_KEY_PREFIX}%`), lt(emailOutbox.dedupeKey, key)));
  const since = previous?.key
    ? zonedWallClock(previous.key.slice(DIGEST_KEY_PREFIX.length), digestHour, timeZone)
    : new Date(now.getTime() - 86_400_000);
  const facts = await readDigestFacts(ctx, { now, since });
  if (!digestHasNews(facts)) return { outcome: "nothing", day };
  const queued = await queueDigestEmail(ctx, { day, recipient: input.recipient ?? config.mail.supportEmail, facts });
  return { outcome: queued ? "queued" : "already", day };
}
