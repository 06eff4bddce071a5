import { getConfig } from "../../config";
import { countAlertFailure, type CountAlertFailureResult, type CreateAlertOptions } from "../support/alerts/count-alert-failure";
import { sendEscalationEmail } from "../notifications/send-escalation-email";

export type CreateAlertResult = CountAlertFailureResult;

/**
 * The alerting policy for one failed sync of a listing: count it on the listing's alert (opening it if
 * needed) and, when that escalates the alert, queue the one escalation e-mail in the same transaction (the
 * outbox's dedupe key makes it one). The story's three-argument call is this function.
 */
export async function createCalendarSyncAlert(
  listingId: string,
  errorType: string,
  errorMessage: string,
  options: CreateAlertOptions = {},
): Promise<CreateAlertResult> {
  const run = async (ctx: CreateAlertOptions) => {
    const result = await countAlertFailure(listingId, errorType, errorMessage, ctx);
    if (result.escalated) await sendEscalationEmail(getConfig().mail.supportEmail, result.alert.id, { db: ctx.db });
    return result;
  };
  const { withTransaction } = await import("../../db/transaction");
  return withTransaction(options, (tx) => run({ ...options, db: tx }));
}
