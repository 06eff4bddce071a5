import Link from "next/link";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { ValidationError } from "@/server/errors";
import {
  listConflictListings,
  listConflicts,
  type ConflictPage,
} from "@/server/services/read-models/read-models.service";
import {
  conflictHeadline,
  conflictPeriod,
  conflictResolutionText,
  nightsText,
  untilFirstNight,
} from "@/server/shared/conflict-words";
import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { conflictsCatalogue } from "@/i18n/catalogue/conflicts";
import type { Translate } from "@/i18n/translator";
import type { Locale } from "@/i18n/locales";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { CleanGetForm } from "@/components/admin/clean-get-form";
import { formatDateTime } from "@/components/admin/format";
import { requestTime } from "@/server/request-time";

export async function generateMetadata() {
  return { title: (await pageTranslator(conflictsCatalogue))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");
const STATUS_LABELS = {
  open: "status.open",
  resolved: "status.resolved",
  dismissed: "status.dismissed",
  all: "status.all",
} as const;
const resolutionLabel = (
  status: string,
  resolution: string | null,
  t: Translate<keyof typeof conflictsCatalogue.fr>,
  locale: Locale,
) =>
  status === "open"
    ? t("stateOpen")
    : t(status === "dismissed" ? "stateDismissed" : "stateResolved", {
        resolution: conflictResolutionText(resolution, locale),
      });

export default async function ConflictsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])),
  ).toString();
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, `/admin/conflits${query ? `?${query}` : ""}`);
  const renderedAt = await requestTime();
  const locale = await getPageLocale();
  const t = await pageTranslator(conflictsCatalogue);
  const values = {
    status: one(params.status) || "open",
    certainty: one(params.certainty),
    listingId: one(params.listingId),
    from: one(params.from),
    to: one(params.to),
  };
  const conflictListings = await listConflictListings(ctx);
  let page: ConflictPage | null = null;
  let filterError: string | null = null;
  try {
    // listConflicts validates every filter: a bad one is shown, never a 500.
    page = await listConflicts(ctx, {
      ...values,
      certainty: (values.certainty || undefined) as "certain" | undefined,
      status: values.status as "open",
      listingId: values.listingId || undefined,
      from: values.from || undefined,
      to: values.to || undefined,
      cursor: one(params.cursor) || undefined,
      limit: 25,
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    filterError = t("invalidFilters", { details: error.message });
  }
  const next = page?.meta.nextCursor
    ? `/admin/conflits?${new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, value]) => value)), cursor: page.meta.nextCursor }).toString()}`
    : null;
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("title") }]} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <CleanGetForm
        action="/admin/conflits"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          {t("filterStatus")}
          <select name="status" defaultValue={values.status} className="rounded border border-slate-300 px-2 py-1">
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("filterCertainty")}
          <select
            name="certainty"
            defaultValue={values.certainty}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">{t("all")}</option>
            <option value="certain">{t("certain")}</option>
            <option value="probable">{t("probable")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("filterListing")}
          <select
            name="listingId"
            defaultValue={values.listingId}
            className="max-w-[16rem] rounded border border-slate-300 px-2 py-1"
          >
            <option value="">{t("all")}</option>
            {conflictListings.map((listing) => (
              <option key={listing.id} value={listing.id}>
                {listing.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("nightsFrom")}
          <input
            type="date"
            name="from"
            defaultValue={values.from}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t("nightsTo")}
          <input type="date" name="to" defaultValue={values.to} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-900">
          {t("filter")}
        </button>
      </CleanGetForm>
      {filterError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {filterError}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("colListing")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colType")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colNights")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colPlatforms")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colState")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colDetected")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page?.data.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-600">
                  {t("noConflict")}
                </td>
              </tr>
            )}
            {page?.data.map((conflict) => (
              <tr key={conflict.id} data-testid="conflict-row">
                <td className="px-3 py-2">
                  <Link
                    href={`/admin/conflits/${conflict.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    <span translate="no">{conflict.listingTitle}</span>
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {conflictHeadline(
                    {
                      certainty: conflict.certainty,
                      providers: [conflict.stays[0].provider, conflict.stays[1].provider],
                    },
                    locale,
                  )}
                </td>
                <td className="px-3 py-2">
                  {t("nightsPeriod", {
                    nights: nightsText(conflict.nights, locale),
                    period: conflictPeriod(conflict.firstNight, conflict.lastNight, locale),
                  })}
                  {conflict.status === "open" && (
                    <span className="ml-1 font-semibold text-red-800">
                      ({untilFirstNight(conflict.firstNight, renderedAt, locale)})
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {t("providersPair", { a: conflict.stays[0].provider, b: conflict.stays[1].provider })}
                </td>
                <td className="px-3 py-2">{resolutionLabel(conflict.status, conflict.resolution, t, locale)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(conflict.detectedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <Link href={next} className="inline-block text-sm font-medium text-blue-800 underline-offset-2 hover:underline">
          {t("nextPage")}
        </Link>
      )}
    </main>
  );
}
