import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import {
  countAlertFailure,
  type CountAlertFailureInput,
  type CountAlertFailureResult,
  type CreateAlertOptions,
} from "../alerts/count-alert-failure";
import { queueEscalationEmailOf } from "./escalation-email-of";

export type CreateAlertResult = CountAlertFailureResult;

/**
 * The alerting policy for one failed sync of a listing: count it on the listing's alert (opening it if needed,
 * one statement) and, when that escalates the alert, queue the one escalation e-mail (the outbox's dedupe key
 * makes it one). Given a transaction, both happen in it. Alone, the count commits by itself and the e-mail is
 * queued just after; if the process dies in between, queueMissedEscalationEmails (run by the worker) queues it.
 * The story's three-argument call (support/alert.service.ts) is this function.
 */
export async function createCalendarSyncAlert(
  ctx: ServiceContext,
  input: CountAlertFailureInput & CreateAlertOptions,
): Promise<CreateAlertResult> {
  const result = await countAlertFailure(ctx, input);
  if (result.escalated)
    await queueEscalationEmailOf(ctx, { supportEmail: getConfig().mail.supportEmail, escalating: result });
  return result;
}
