import type { ServiceContext } from "../../service-context";
import type { CountAlertFailureInput, CountAlertFailureResult, CreateAlertOptions } from "../alerts/alerts.service";
import { countFailure } from "./count-failure";

export type CreateAlertResult = CountAlertFailureResult;

/**
 * The alerting policy for one failed sync of a listing: count it on the listing's alert (opening it if needed,
 * one statement) and, when the count escalates the alert (a second statement, on the few failures that change
 * something), record alert.escalated. Pass a transaction to make them atomic, as the sync does (recordSyncFailure);
 * alone, each statement commits on its own on the ingest's path (a transaction around every failure halved
 * bench:alerts on PostgreSQL, 1,198 → 621 failures/s): a process that died between them would leave that one
 * escalation undone, and the next failure escalates it. The story's three-argument call
 * (support/alert.service.ts) is this function.
 */
export async function createCalendarSyncAlert(
  ctx: ServiceContext,
  input: CountAlertFailureInput & CreateAlertOptions,
): Promise<CreateAlertResult> {
  return countFailure(ctx, input);
}
