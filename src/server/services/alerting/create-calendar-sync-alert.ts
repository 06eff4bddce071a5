import type { ServiceContext } from "../../service-context";
import {
  countAlertFailure,
  type CountAlertFailureInput,
  type CountAlertFailureResult,
  type CreateAlertOptions,
} from "../alerts/count-alert-failure";
import { recordAlertEscalated } from "./alert-events";

export type CreateAlertResult = CountAlertFailureResult;

/**
 * The alerting policy for one failed sync of a listing: count it on the listing's alert (opening it if needed,
 * one statement) and, when that escalates the alert, record alert.escalated. Pass a transaction to make the two
 * atomic, as the sync does (recordSyncFailure); alone, the count stays one statement on the ingest's path (a
 * transaction around every failure halved bench:alerts on PostgreSQL, 1,198 → 621 failures/s), and a process that
 * died between the two would leave that one escalation untold. The story's three-argument call
 * (support/alert.service.ts) is this function.
 */
export async function createCalendarSyncAlert(
  ctx: ServiceContext,
  input: CountAlertFailureInput & CreateAlertOptions,
): Promise<CreateAlertResult> {
  const result = await countAlertFailure(ctx, input);
  if (result.escalated) await recordAlertEscalated(ctx, result);
  return result;
}
