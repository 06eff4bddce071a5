import { desc, eq } from "drizzle-orm";
import { alertFailures } from "../../../db/schema";
import { resolveDb, type ServiceContext } from "../../../db/transaction";
import { getAlertDtoOrThrow, type AlertDTO } from "./alert-dto";

export interface AlertFailureDTO {
  id: number;
  feedId: string | null;
  errorType: string;
  errorMessage: string;
  occurredAt: string;
}

export type AlertDetailDTO = AlertDTO & { failures: AlertFailureDTO[] };

const TIMELINE_LIMIT = 200;

/** The alert and its timeline of failed attempts, newest first (the latest 200). */
export async function getAlertDetail(alertId: string, ctx?: ServiceContext): Promise<AlertDetailDTO> {
  const db = await resolveDb(ctx);
  const alert = await getAlertDtoOrThrow(db, alertId);
  const failures = await db
    .select()
    .from(alertFailures)
    .where(eq(alertFailures.alertId, alertId))
    .orderBy(desc(alertFailures.occurredAt), desc(alertFailures.id))
    .limit(TIMELINE_LIMIT);
  return {
    ...alert,
    failures: failures.map((failure) => ({
      id: failure.id,
      feedId: failure.feedId,
      errorType: failure.errorType,
      errorMessage: failure.errorMessage,
      occurredAt: failure.occurredAt.toISOString(),
    })),
  };
}
