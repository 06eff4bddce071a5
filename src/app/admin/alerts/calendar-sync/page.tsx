import Link from "next/link";
import { connection } from "next/server";
import {
  alertPageFilters,
  countFailuresPerDay,
  listAlerts,
  listOpenIncidents,
  listProviderKeys,
  type AlertPage,
  type ListAlertsInput,
} from "@/server/services/read-models/read-models.service";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { ValidationError } from "@/server/errors";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { AlertFilters } from "@/components/admin/alert-filters";
import type { AlertFilterValues } from "@/server/services/read-models/read-models.service";
import { FailuresChart } from "@/components/admin/failures-chart";
import { StatusBadge } from "@/components/admin/status-badge";
import { formatDateTime } from "@/components/admin/format";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { IncidentBanner } from "@/components/admin/incident-banner";
import { BULK_FORM_ID, BulkAlertActions, SelectPageCheckbox } from "@/components/admin/bulk-alert-actions";
import { listSupportAgents } from "@/server/services/users/users.service";
import { formatMessage } from "@/server/shared/messages";
import { INTL_TAGS } from "@/i18n/locales";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

export async function generateMetadata() {
  return { title: (await pageTranslator(alertsCatalogue))("listTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** This page with the query it was asked with, to come back to after sign-in. */
function returnPath(params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, item);
  const search = query.toString();
  return `/admin/alerts/calendar-sync${search ? `?${search}` : ""}`;
}

function pageHref(values: AlertFilterValues, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value && !(key === "status" && value === "open") && !(key === "sort" && value === "attempts"))
      params.set(key, value);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return `/admin/alerts/calendar-sync${query ? `?${query}` : ""}`;
}

/** The filters as query values: what the list selects, the order left out (the export and the bulk action). */
function selectionOf(input: ListAlertsInput): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== undefined && key !== "sort"),
  ) as Record<string, string>;
}

/** The CSV export of what the page's filters select (every page of it), in the page's order when it is by risk. */
function exportHref(input: ListAlertsInput): string {
  const params = new URLSearchParams(selectionOf(input));
  if (input.sort === "risk") params.set("sort", "risk");
  return `/api/admin/alerts/calendar-sync/export?${params.toString()}`;
}

export default async function CalendarSyncAlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const params = await searchParams;
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, returnPath(params));
  const { values, input, cursor } = alertPageFilters(params);
  const locale = await getPageLocale();
  const t = await pageTranslator(alertsCatalogue);
  let page: AlertPage | null = null;
  let filterError: string | null = null;
  try {
    page = await listAlerts(ctx, { ...input, cursor, limit: 25 });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const details = Array.isArray(error.details)
      ? (error.details as Array<{ message: string }>).map((issue) => issue.message).join(" ")
      : "";
    filterError = t("invalidFilters", { details: details || error.message });
  }
  const [failuresPerDay, providers, incidents, agents] = await Promise.all([
    countFailuresPerDay(ctx, 30),
    listProviderKeys(ctx),
    listOpenIncidents(ctx),
    listSupportAgents(ctx),
  ]);
  const counts = page?.meta.counts;
  // The filters as the bulk action sends them (« toutes celles qui correspondent aux filtres »).
  const bulkFilters = selectionOf(input);
  const matching =
    counts &&
    (values.status === "open" ||
      values.status === "active" ||
      values.status === "escalated" ||
      values.status === "snoozed")
      ? values.status === "open"
        ? counts.active + counts.escalated
        : counts[values.status as "active" | "escalated" | "snoozed"]
      : null;

  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("listTitle") }]} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("listTitle")}</h1>
        {counts && (
          <p className="text-sm text-slate-700">
            {formatMessage("alertsEscalated", { count: counts.escalated }, locale)} ·{" "}
            {formatMessage("alertsActive", { count: counts.active }, locale)} ·{" "}
            {t("snoozedCount", { count: counts.snoozed })} ·{" "}
            {page?.meta.resolvedCount === "estimated" ? (
              <span title={t("estimateTitle")}>
                {t("resolvedEstimate", { count: counts.resolved.toLocaleString(INTL_TAGS[locale]) })}
              </span>
            ) : (
              t("resolvedCount", {
                count: counts.resolved,
                shown: `${counts.resolved.toLocaleString(INTL_TAGS[locale])}${page?.meta.resolvedCountCapped ? "+" : ""}`,
              })
            )}
          </p>
        )}
      </div>
      <p>
        <a
          href={exportHref(input)}
          className="inline-block rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
          download
        >
          {t("exportCsv")}
        </a>
      </p>
      <IncidentBanner incidents={incidents} />
      <FailuresChart days={failuresPerDay} />
      <AlertFilters values={values} providers={providers} t={t} locale={locale} />
      {filterError && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {filterError}
        </p>
      )}
      {page && page.data.some((alert) => alert.status !== "resolved") && (
        <BulkAlertActions filters={bulkFilters} agents={agents} matching={matching} />
      )}
      <form id={BULK_FORM_ID} aria-hidden="true" />
      {page && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[52rem] text-left text-sm">
            <caption className="sr-only">{t("tableCaption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  <SelectPageCheckbox />
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colListing")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colErrorType")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colAttempts")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colLastFailure")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colStatus")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colOwner")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colResolution")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-8 text-center text-slate-600">
                    {t("noAlertForFilters")}
                  </td>
                </tr>
              )}
              {page.data.map((alert) => (
                <tr key={alert.id} data-testid="alert-row">
                  <td className="px-3 py-2">
                    {alert.status !== "resolved" && (
                      <input
                        type="checkbox"
                        form={BULK_FORM_ID}
                        name="ids"
                        value={alert.id}
                        aria-label={t("selectOne", { title: alert.listing.title })}
                      />
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Link
                      href={`/admin/alerts/calendar-sync/${alert.id}`}
                      className="font-medium text-blue-800 underline-offset-2 hover:underline"
                    >
                      <span translate="no">{alert.listing.title}</span>
                    </Link>
                    <div className="text-xs text-slate-500">{alert.listing.id}</div>
                  </td>
                  <td className="px-3 py-2">{describeSyncErrorType(alert.errorType, locale).label}</td>
                  <td className="px-3 py-2 text-right font-semibold">{alert.failedAttempts}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(alert.lastFailedAt, locale)}</td>
                  <td className="px-3 py-2">
                    <StatusBadge
                      status={alert.status}
                      escalationHeld={alert.escalationHeldAt !== null}
                      snoozed={alert.snoozedUntil !== null || alert.snoozedUntilChange}
                    />
                    {alert.status !== "resolved" && (alert.snoozedUntilChange || alert.snoozedUntil) && (
                      <div className="text-xs text-slate-600">
                        {alert.snoozedUntilChange
                          ? t("snoozedUntilChangeShort")
                          : t("snoozedUntilShort", { until: formatDateTime(alert.snoozedUntil, locale) })}
                      </div>
                    )}
                  </td>
                  <td className="px-3 py-2">{alert.assignee?.name ?? "—"}</td>
                  <td className="px-3 py-2 text-slate-700">
                    {alert.status !== "resolved"
                      ? "—"
                      : alert.resolvedAutomatically
                        ? t("resolvedAutomatically", { when: formatDateTime(alert.resolvedAt, locale) })
                        : t("resolvedByWhen", {
                            name: alert.resolvedBy?.name ?? "?",
                            when: formatDateTime(alert.resolvedAt, locale),
                          })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pagination")} className="flex justify-between">
        {params.cursor ? (
          <Link href={pageHref(values)} className="text-sm text-blue-700 underline">
            {t("firstPage")}
          </Link>
        ) : (
          <span />
        )}
        {page?.meta.nextCursor && (
          <Link href={pageHref(values, page.meta.nextCursor)} className="text-sm text-blue-700 underline">
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </main>
  );
}
