import { stringify } from "csv-stringify/sync";
import type { ServiceContext } from "../../service-context";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";
import type { AlertDTO } from "../alerts/alerts.service";
import { iterateAlerts, type ListAlertsInput } from "./list-alerts";
import { logger } from "../../logger";

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "short",
  timeZone: PLATFORM_TIME_ZONE,
});
const day = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeZone: PLATFORM_TIME_ZONE });
const STATUS_WORDS = { active: "Active", escalated: "Escaladée", resolved: "Résolue" } as const;

const COLUMNS: Array<[string, (alert: AlertDTO) => string | number]> = [
  ["Annonce", (alert) => alert.listing.title],
  ["Identifiant de l'annonce", (alert) => alert.listing.id],
  ["Type d'erreur", (alert) => describeSyncErrorType(alert.errorType).label],
  ["Message", (alert) => alert.errorMessage],
  ["Tentatives échouées", (alert) => alert.failedAttempts],
  ["Premier échec", (alert) => when(alert.firstFailedAt)],
  ["Dernier échec", (alert) => when(alert.lastFailedAt)],
  ["Statut", (alert) => STATUS_WORDS[alert.status]],
  ["Escaladée le", (alert) => when(alert.escalatedAt)],
  ["Responsable", (alert) => alert.assignee?.name ?? ""],
  ["En pause jusqu'au", (alert) => (alert.snoozedUntilChange ? "changement de l'erreur" : when(alert.snoozedUntil))],
  ["Résolue le", (alert) => when(alert.resolvedAt)],
  [
    "Résolue par",
    (alert) =>
      alert.status !== "resolved"
        ? ""
        : alert.resolvedAutomatically
          ? "automatiquement"
          : (alert.resolvedBy?.name ?? ""),
  ],
  ["Note de résolution", (alert) => alert.resolutionNote ?? ""],
];

function when(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : "";
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) starts with an
 * apostrophe: a listing's title is a host's input, and this keeps it text (CSV injection).
 */
export function neutraliseCell(value: string | number): string | number {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_OPTIONS = { delimiter: ";", record_delimiter: "\r\n" } as const;
const BOM = "\uFEFF";

/** The export's file name: « alertes-calendrier-2026-11-28.csv », the date in the platform's zone. */
export function exportFileName(now: Date): string {
  return `alertes-calendrier-${day.format(now)}.csv`;
}

/**
 * The alerts matching the list's filters as CSV for French Excel (BOM, « ; », CRLF, French headers, dates in
 * Europe/Paris), streamed a page at a time as the client reads: memory stays flat however long the history.
 * The first page is read before anything is sent, so a bad filter (400) or an unreachable database (503) is an
 * answer of its own, not a cut file; a failure later ends the stream and is logged.
 */
export async function exportAlertsCsv(
  ctx: ServiceContext,
  input: ListAlertsInput,
): Promise<ReadableStream<Uint8Array>> {
  const { cursor: _cursor, limit: _limit, ...filters } = input;
  const pages = iterateAlerts(ctx, { ...filters, pageSize: 100 });
  const first = await pages.next();
  const encoder = new TextEncoder();
  const rowsOf = (alerts: AlertDTO[]) =>
    encoder.encode(
      stringify(
        alerts.map((alert) => COLUMNS.map(([, cell]) => neutraliseCell(cell(alert)))),
        CSV_OPTIONS,
      ),
    );
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + stringify([COLUMNS.map(([header]) => header)], CSV_OPTIONS)));
      if (first.done) controller.close();
      else controller.enqueue(rowsOf(first.value));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) controller.close();
        else controller.enqueue(rowsOf(next.value));
      } catch (error) {
        logger.error({ err: error }, "CSV export of the alerts stopped midway");
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
