import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";
import { DIGEST_KEY_PREFIX } from "./domain-event";

const digestDaysStatement = preparedStatement(
  "digest_days_v1",
  `select exists (select 1 from notification_events where dedupe_key = $1::text) as recorded,
     (select max(dedupe_key) from notification_events where dedupe_key like $2::text and dedupe_key < $1::text) as previous`,
);

/** Whether the day's digest was recorded, and the day of the previous one (YYYY-MM-DD; null before the first). */
export async function findDigestDays(
  ctx: ServiceContext,
  day: string,
): Promise<{ recorded: boolean; previousDay: string | null }> {
  const [row] = await runPrepared<{ recorded: boolean; previous: string | null }>(ctx.db, digestDaysStatement, [
    `${DIGEST_KEY_PREFIX}${day}`,
    `${DIGEST_KEY_PREFIX}%`,
  ]);
  return { recorded: Boolean(row?.recorded), previousDay: row?.previous?.slice(DIGEST_KEY_PREFIX.length) ?? null };
}
