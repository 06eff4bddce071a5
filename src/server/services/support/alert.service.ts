// The story's module (story 9.8): the three verbs support's calendar-sync alerts are made of, under the names and
// arguments the story gives them, on the process's database. It holds no logic of its own and nothing in the
// product imports it back; the product calls the services behind it with a context (verb(ctx, input)).
import type { Viewer } from "../../actor";
import { systemActor } from "../../actor";
import { contextFor } from "../../service-context";
import { UnauthenticatedError } from "../../errors";
import type { SyncErrorType } from "../../shared/sync-error-types";
import {
  createCalendarSyncAlert as countSyncFailure,
  resolveAlertByHand,
  type CreateAlertResult,
} from "../alerting/alerting.service";
import type { AlertDTO } from "../alerts/alerts.service";
import { getActiveAlerts as listActiveAlerts } from "../read-models/read-models.service";
import { loadViewer } from "../users/users.service";

export type { CreateAlertResult };

/**
 * Counts a failed sync on the listing's one open alert (opening it at one attempt) and escalates it, with one
 * e-mail, after ALERT_ESCALATION_THRESHOLD failures: the alerting policy (../alerting), acting as the system.
 */
export async function createCalendarSyncAlert(
  listingId: string,
  errorType: SyncErrorType,
  errorMessage: string,
): Promise<CreateAlertResult> {
  return countSyncFailure(await contextFor(systemActor("story")), { listingId, errorType, errorMessage });
}

/** A support user closes an open alert (the alert store, ../alerts): 401 for an unknown or disabled account, 403 for a host. */
export async function resolveAlert(alertId: string, supportUserId: string, note?: string | null): Promise<AlertDTO> {
  const system = await contextFor(systemActor("story"));
  const agent = await loadViewer(system, supportUserId);
  if (!agent) throw new UnauthenticatedError();
  return resolveAlertByHand({ ...system, actor: agent }, { alertId, note });
}

/**
 * The open alerts, most failed attempts first (../back-office). It takes the acting viewer (support or admin) and
 * refuses anyone else, as every read of the back-office does.
 */
export async function getActiveAlerts(viewer: Viewer): Promise<AlertDTO[]> {
  return listActiveAlerts(await contextFor(viewer));
}
