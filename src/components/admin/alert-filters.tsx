import type { AlertFilterValues } from "@/server/services/read-models/read-models.service";
import Link from "next/link";
import { describeSyncErrorType, SYNC_ERROR_TYPE_CODES } from "@/server/shared/sync-error-types";
import { ASSIGNEE_FILTER_LABELS, STATUS_FILTER_LABELS } from "./labels";
import { CleanGetForm } from "./clean-get-form";
import type { AlertsTranslate } from "./labels";
import type { Locale } from "@/i18n/locales";

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** A plain GET form: the filters live in the URL, so a view can be shared and the back button works. */
export function AlertFilters({
  values,
  providers,
  t,
  locale,
}: {
  values: AlertFilterValues;
  providers: string[];
  t: AlertsTranslate;
  locale: Locale;
}) {
  return (
    <CleanGetForm
      action="/admin/alerts/calendar-sync"
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-8"
    >
      <div>
        <label htmlFor="filter-status" className="text-sm font-medium">
          {t("filterStatus")}
        </label>
        <select id="filter-status" name="status" defaultValue={values.status} className={field}>
          {Object.entries(STATUS_FILTER_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-assignee" className="text-sm font-medium">
          {t("filterAssignee")}
        </label>
        <select id="filter-assignee" name="assignee" defaultValue={values.assignee} className={field}>
          {Object.entries(ASSIGNEE_FILTER_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
      </div>
      <div className="lg:col-span-2">
        <label htmlFor="filter-q" className="text-sm font-medium">
          {t("filterListing")}
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={values.q} className={field} />
      </div>
      <div>
        <label htmlFor="filter-error" className="text-sm font-medium">
          {t("filterErrorType")}
        </label>
        <select id="filter-error" name="errorType" defaultValue={values.errorType} className={field}>
          <option value="">{t("allTypes")}</option>
          {SYNC_ERROR_TYPE_CODES.map((code) => (
            <option key={code} value={code}>
              {describeSyncErrorType(code, locale).label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-provider" className="text-sm font-medium">
          {t("filterPlatform")}
        </label>
        <select id="filter-provider" name="provider" defaultValue={values.provider} className={field}>
          <option value="">{t("allPlatforms")}</option>
          {providers.map((provider) => (
            <option key={provider} value={provider}>
              {provider}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from" className="text-sm font-medium">
          {t("filterFrom")}
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={values.from} className={field} />
      </div>
      <div>
        <label htmlFor="filter-to" className="text-sm font-medium">
          {t("filterTo")}
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={values.to} className={field} />
      </div>
      <div>
        <label htmlFor="filter-sort" className="text-sm font-medium">
          {t("filterSort")}
        </label>
        <select id="filter-sort" name="sort" defaultValue={values.sort} className={field}>
          <option value="attempts">{t("sortAttempts")}</option>
          <option value="risk">{t("sortRisk")}</option>
        </select>
      </div>
      <div className="flex items-end gap-2 lg:col-span-6">
        <button
          type="submit"
          className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          {t("filter")}
        </button>
        <Link
          href="/admin/alerts/calendar-sync"
          className="rounded px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("reset")}
        </Link>
      </div>
    </CleanGetForm>
  );
}
