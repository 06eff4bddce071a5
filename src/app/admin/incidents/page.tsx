import Link from "next/link";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { listIncidents, listProviderHoldsFor } from "@/server/services/read-models/read-models.service";
import { ClearHoldButton } from "@/components/admin/clear-hold-button";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { formatMessage } from "@/server/shared/messages";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { incidentsCatalogue } from "@/i18n/catalogue/incidents";
import { INTL_TAGS } from "@/i18n/locales";

export async function generateMetadata() {
  return { title: (await pageTranslator(incidentsCatalogue))("title") };
}

export default async function IncidentsPage() {
  const { viewer, ctx } = await requirePageContext(BACK_OFFICE_ROLES, "/admin/incidents");
  const { data: incidents } = await listIncidents(ctx, { status: "all", limit: 100 });
  const holds = await listProviderHoldsFor(ctx);
  const locale = await getPageLocale();
  const t = await pageTranslator(incidentsCatalogue);
  const count = new Intl.NumberFormat(INTL_TAGS[locale]);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("title") }]} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("colProvider")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colStatus")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colOpened")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("colFailing")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colEnd")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {incidents.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-8 text-center text-slate-600">
                  {t("none")}
                </td>
              </tr>
            )}
            {incidents.map((incident) => (
              <tr key={incident.id} data-testid="incident-row">
                <td className="px-3 py-2">
                  <Link
                    href={`/admin/incidents/${incident.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {incident.provider}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {incident.status === "open" ? (
                    <span
                      data-testid="incident-state"
                      className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-red-800 ring-1 ring-red-300"
                    >
                      {t("inProgress")}
                    </span>
                  ) : (
                    <span
                      data-testid="incident-state"
                      className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-emerald-800 ring-1 ring-emerald-300"
                    >
                      {t("resolved")}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(incident.openedAt, locale)}</td>
                <td className="px-3 py-2 text-right">
                  {count.format(
                    incident.status === "open" ? incident.now.feedsFailing : incident.atOpening.feedsFailing,
                  )}
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {incident.status === "open"
                    ? "—"
                    : incident.resolution === "manual"
                      ? t("closedBy", {
                          name: incident.resolvedBy?.name ?? "?",
                          when: formatDateTime(incident.resolvedAt, locale),
                        })
                      : t("providerBack", { when: formatDateTime(incident.resolvedAt, locale) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="holds-title" className="space-y-2">
        <h2 id="holds-title" className="text-lg font-semibold">
          {t("holdsTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("holdsIntro")}</p>
        {holds.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noHold")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {holds.map((hold) => (
              <li
                key={hold.provider}
                data-testid="provider-hold"
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
              >
                <span>
                  <strong>{hold.provider}</strong> :{" "}
                  {t("holdUntil", {
                    waiting: formatMessage("hostsWaiting", { count: hold.owners }, locale),
                    until: formatDateTime(hold.until, locale),
                  })}
                  {hold.providerWide
                    ? t("providerWide", { until: formatDateTime(hold.providerWideUntil, locale) })
                    : ""}
                </span>
                {viewer.role === "admin" && <ClearHoldButton provider={hold.provider} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
