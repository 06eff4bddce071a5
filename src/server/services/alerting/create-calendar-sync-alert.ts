import { inTransaction, type ServiceContext } from "../../service-context";
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
 * one statement) and, when that escalates the alert, record alert.escalated, in one transaction (the caller's, when
 * given). The story's three-argument call (support/alert.service.ts) is this function.
 */
export async function createCalendarSyncAlert(
  ctx: ServiceContext,
  input: CountAlertFailureInput & CreateAlertOptions,
): Promise<CreateAlertResult> {
  return inTransaction(ctx, async (tx) => {
    const result = await countAlertFailure(tx, input);
    if (result.escalated) await recordAlertEscalated(tx, result);
    return result;
  });
}
