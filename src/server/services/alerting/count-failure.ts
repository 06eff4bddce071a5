import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import {
  applyEscalation,
  countAlertFailure,
  type CountAlertFailureInput,
  type CountAlertFailureResult,
  type CreateAlertOptions,
} from "../alerts/alerts.service";
import { recordAlertEscalated } from "./alert-events";
import { escalationDecision } from "./escalation-decision";

/**
 * One failed sync of a listing, the policy's way: the store counts it on the listing's alert (opening it if
 * needed), the policy decides what the count does (escalationDecision) and the store applies that on the locked row;
 * an escalation is recorded as alert.escalated. In the caller's transaction when given one.
 */
export async function countFailure(
  ctx: ServiceContext,
  input: CountAlertFailureInput & CreateAlertOptions,
): Promise<CountAlertFailureResult> {
  const occurredAt = input.occurredAt ?? new Date();
  const { alert, opened } = await countAlertFailure(ctx, { ...input, occurredAt });
  const change = escalationDecision(alert, {
    errorType: alert.errorType,
    occurredAt,
    threshold: input.threshold ?? getConfig().alerts.escalationThreshold,
    feedConsecutiveFailures: input.feedConsecutiveFailures ?? null,
    feedLabel: input.feedLabel ?? null,
    hold: input.holdEscalation === true,
    dueByTime: input.dueByTime,
  });
  const applied = change ? await applyEscalation(ctx, change) : null;
  if (!applied) return { alert, opened, escalated: false };
  if (applied.escalated) await recordAlertEscalated(ctx, { alert: applied.alert });
  return { alert: applied.alert, opened, escalated: applied.escalated };
}
