import { stringify } from "csv-stringify/sync";
import type { ServiceContext } from "../../service-context";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";
import type { AlertDTO } from "../alerts/alerts.service";
import { iterateAlerts, type ListAlertsInput } from "./list-alerts";
import { logger } from "../../logger";
import { localeOf } from "../../actor";
import { csvCatalogue } from "../../../i18n/catalogue/csv";
import { INTL_TAGS, type Locale } from "../../../i18n/locales";
import { translator } from "../../../i18n/translator";

const day = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeZone: PLATFORM_TIME_ZONE });
const STATUS_WORDS = { active: "status.active", escalated: "status.escalated", resolved: "status.resolved" } as const;

/** The columns, headed and filled in `locale` (dates in the platform's zone). */
function columnsIn(locale: Locale): Array<[string, (alert: AlertDTO) => string | number]> {
  const t = translator(csvCatalogue, locale);
  const dateTime = new Intl.DateTimeFormat(INTL_TAGS[locale], {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: PLATFORM_TIME_ZONE,
  });
  const when = (iso: string | null): string => (iso ? dateTime.format(new Date(iso)) : "");
  return [
    [t("listing"), (alert) => alert.listing.title],
    [t("listingId"), (alert) => alert.listing.id],
    [t("errorType"), (alert) => describeSyncErrorType(alert.errorType, locale).label],
    [t("message"), (alert) => alert.errorMessage],
    [t("failedAttempts"), (alert) => alert.failedAttempts],
    [t("firstFailure"), (alert) => when(alert.firstFailedAt)],
    [t("lastFailure"), (alert) => when(alert.lastFailedAt)],
    [t("status"), (alert) => t(STATUS_WORDS[alert.status])],
    [t("escalatedAt"), (alert) => when(alert.escalatedAt)],
    [t("owner"), (alert) => alert.assignee?.name ?? ""],
    [t("snoozedUntil"), (alert) => (alert.snoozedUntilChange ? t("untilErrorChanges") : when(alert.snoozedUntil))],
    [t("resolvedAt"), (alert) => when(alert.resolvedAt)],
    [
      t("resolvedBy"),
      (alert) =>
        alert.status !== "resolved"
          ? ""
          : alert.resolvedAutomatically
            ? t("automatically")
            : (alert.resolvedBy?.name ?? ""),
    ],
    [t("resolutionNote"), (alert) => alert.resolutionNote ?? ""],
  ];
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) starts with an
 * apostrophe: a listing's title is a host's input, and this keeps it text (CSV injection).
 */
export function neutraliseCell(value: string | number): string | number {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** French Excel splits on « ; », English Excel on « , ». */
export const csvOptionsFor = (locale: Locale) =>
  ({ delimiter: locale === "fr" ? ";" : ",", record_delimiter: "\r\n" }) as const;
const BOM = "\uFEFF";

/** The export's file name: « alertes-calendrier-2026-11-28.csv », the date in the platform's zone. */
export function exportFileName(now: Date): string {
  return `alertes-calendrier-${day.format(now)}.csv`;
}

/**
 * The alerts matching the list's filters as CSV for Excel in the reader's language (BOM, « ; » in French and « , »
 * in English, CRLF, headers in their language, dates in Europe/Paris), streamed a page at a time as the client reads: memory stays flat however long the history.
 * The first page is read before anything is sent, so a bad filter (400) or an unreachable database (503) is an
 * answer of its own, not a cut file; a failure later ends the stream and is logged.
 */
export async function exportAlertsCsv(
  ctx: ServiceContext,
  input: ListAlertsInput,
): Promise<ReadableStream<Uint8Array>> {
  const { cursor: _cursor, limit: _limit, ...filters } = input;
  const locale = localeOf(ctx.actor);
  const COLUMNS = columnsIn(locale);
  const CSV_OPTIONS = csvOptionsFor(locale);
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
