import type { ExportLinkDTO } from "@/server/services/exports/exports.service";
import { formatDateTime, formatRelative } from "@/components/admin/format";
import { ExportLinkActions } from "./export-link-actions";
import type { hostCatalogue } from "@/i18n/catalogue/host";
import type { Locale } from "@/i18n/locales";
import type { Translate } from "@/i18n/translator";

type HostTranslate = Translate<keyof typeof hostCatalogue.fr>;

const STATE_STYLES: Record<ExportLinkDTO["state"], string> = {
  read: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  stale: "bg-red-100 text-red-800 ring-red-300",
  "never-read": "bg-amber-100 text-amber-900 ring-amber-300",
  waiting: "bg-slate-100 text-slate-800 ring-slate-300",
};

/** « lu il y a 2 h, par Airbnb », « plus lu depuis… », « jamais lu », « en attente de première lecture ». */
export function exportLinkStateInWords(
  link: ExportLinkDTO,
  t: HostTranslate,
  locale: Locale,
  now = Date.now(),
): string {
  const reader = link.lastReaderLabel ?? "—";
  switch (link.state) {
    case "read":
      return t("exportRead", { when: link.lastReadAt ? formatRelative(link.lastReadAt, now, locale) : "—", reader });
    case "stale":
      return t("exportStale", { since: formatDateTime(link.lastReadAt, locale), reader });
    case "never-read":
      return t("exportNeverRead");
    case "waiting":
      return t("exportWaiting");
  }
}

/** « Liens d'export » of one listing: for each destination the link, its copy and regenerate buttons, its last read. */
export function ExportLinksSection({
  listingId,
  links,
  t,
  locale,
}: {
  listingId: string;
  links: ExportLinkDTO[];
  t: HostTranslate;
  locale: Locale;
}) {
  return (
    <details
      className="mt-3 border-t border-slate-200 pt-3 text-sm"
      open={links.some((link) => link.state === "stale")}
      data-testid="export-links"
    >
      <summary className="cursor-pointer">
        <span className="font-medium text-blue-800 underline">{t("exportLinks")}</span>{" "}
        <span className="text-slate-700">
          {t("exportLinksCount", {
            read: links.filter((link) => link.state === "read").length,
            total: links.length,
            stale: links.some((link) => link.state === "stale") ? "yes" : "no",
          })}
        </span>
      </summary>
      <p className="mt-2 text-slate-700">{t("exportLinksHelp")}</p>
      <ul className="mt-2 divide-y divide-slate-100">
        {links.map((link) => (
          <li key={link.id} data-testid="export-link" className="space-y-2 py-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{link.destinationLabel}</span>
              <span
                data-testid="export-link-state"
                className={`rounded px-2 py-0.5 text-xs font-semibold ring-1 ${STATE_STYLES[link.state]}`}
              >
                {exportLinkStateInWords(link, t, locale)}
              </span>
            </div>
            <ExportLinkActions
              listingId={listingId}
              linkId={link.id}
              url={link.url}
              destinationLabel={link.destinationLabel}
            />
            {link.previousLinkValidUntil && (
              <p className="text-slate-700">
                {t("previousLinkValidUntil", { until: formatDateTime(link.previousLinkValidUntil, locale) })}
              </p>
            )}
            {link.state === "stale" && (
              <p className="rounded bg-red-50 p-3 text-red-900">
                {t("exportStaleWarning", { destination: link.destinationLabel })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
