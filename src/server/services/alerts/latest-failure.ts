import { and, desc, eq, isNotNull } from "drizzle-orm";
import { alertFailures } from "../../db/schema";
import type { SyncErrorType } from "../../shared/sync-error-types";
import type { ServiceContext } from "../../service-context";

/** The alert's latest counted failure that names its feed (null if none does): the calendar at fault. */
export async function latestFailureWithFeed(
  ctx: ServiceContext,
  alertId: string,
): Promise<{ feedId: string; errorType: SyncErrorType } | null> {
  const [failure] = await ctx.db
    .select({ feedId: alertFailures.feedId, errorType: alertFailures.errorType })
    .from(alertFailures)
    .where(and(eq(alertFailures.alertId, alertId), isNotNull(alertFailures.feedId)))
    .orderBy(desc(alertFailures.occurredAt), desc(alertFailures.id))
    .limit(1);
  return failure?.feedId ? { feedId: failure.feedId, errorType: failure.errorType } : null;
}
