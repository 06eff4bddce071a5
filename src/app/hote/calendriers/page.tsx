import { requirePageContext } from "@/server/auth/page-session";
import { listHostCalendars, type HostFeedView } from "@/server/services/read-models/read-models.service";
import { formatDateTime } from "@/components/admin/format";
import { FeedLinkForm } from "@/components/host/feed-link-form";
import { FeedButtons } from "@/components/host/feed-buttons";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LanguageSwitch } from "@/components/auth/language-switch";
import { ExportLinksSection } from "@/components/host/export-links-section";
import { exportLinksOfListings } from "@/server/services/exports/exports.service";
import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { hostCatalogue } from "@/i18n/catalogue/host";
import type { Locale } from "@/i18n/locales";
import type { Translate } from "@/i18n/translator";

export async function generateMetadata() {
  return { title: (await pageTranslator(hostCatalogue))("pageTitle") };
}

function stateInWords(feed: HostFeedView, t: Translate<keyof typeof hostCatalogue.fr>, locale: Locale): string {
  if (feed.state === "failing") return t("stateFailing", { since: formatDateTime(feed.since, locale) });
  if (feed.state === "empty") return t("stateEmpty", { since: formatDateTime(feed.since, locale) });
  if (feed.state === "new") return t("stateNew");
  if (feed.state === "paused") return t("statePaused");
  return t("stateOk");
}

const STATE_STYLES: Record<HostFeedView["state"], string> = {
  ok: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  failing: "bg-red-100 text-red-800 ring-red-300",
  empty: "bg-amber-100 text-amber-900 ring-amber-300",
  new: "bg-slate-100 text-slate-800 ring-slate-300",
  paused: "bg-slate-100 text-slate-800 ring-slate-300",
};

export default async function HostCalendarsPage() {
  const { viewer, ctx } = await requirePageContext(["host"], "/hote/calendriers");
  const listings = await listHostCalendars(ctx);
  const exportLinks = await exportLinksOfListings(ctx, { listingIds: listings.map((listing) => listing.id) });
  const locale = await getPageLocale();
  const t = await pageTranslator(hostCatalogue);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <span className="font-semibold">{t("pageTitle")}</span>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <span>{viewer.name}</span>
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-4xl space-y-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">{t("pageTitle")}</h1>
          <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
        </div>
        {listings.length === 0 && <p className="text-slate-700">{t("noListing")}</p>}
        {listings.map((listing) => (
          <section
            key={listing.id}
            aria-labelledby={`listing-${listing.id}`}
            data-testid="host-listing"
            className="rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id={`listing-${listing.id}`} className="text-lg font-semibold">
              <span translate="no">{listing.title}</span>{" "}
              <span translate="no" className="text-sm font-normal text-slate-600">
                · {listing.city}
              </span>
            </h2>
            {listing.conflicts.map((conflict) => (
              <p
                key={conflict.id}
                role="alert"
                data-testid="host-conflict"
                className="mt-2 rounded border-2 border-red-600 bg-red-50 px-3 py-2 text-sm font-medium text-red-900"
              >
                {conflict.message}
              </p>
            ))}
            <ul className="mt-3 divide-y divide-slate-100">
              {listing.feeds.map((feed) => (
                <li key={feed.id} data-testid="host-feed" className="space-y-2 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{feed.label}</span>
                    <span className="text-sm text-slate-600">({feed.platform})</span>
                    <span
                      className={`rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ${STATE_STYLES[feed.state]}`}
                    >
                      {stateInWords(feed, t, locale)}
                    </span>
                  </div>
                  <code className="block text-sm break-all text-slate-600">{feed.link}</code>
                  <p className="text-sm text-slate-700">
                    {t("lastSuccess", {
                      last: formatDateTime(feed.lastSuccessAt, locale),
                      next: formatDateTime(feed.nextSyncAt, locale),
                    })}
                  </p>
                  {feed.guidance && (
                    <div className="rounded bg-red-50 p-3 text-sm text-red-900">
                      <p>
                        {t(feed.lastSuccessAt ? "cannotReadAnyMore" : "cannotRead", {
                          whatWeSaw: feed.guidance.whatWeSaw,
                        })}
                      </p>
                      <p className="mt-1">{feed.guidance.risk}</p>
                      <ol className="mt-2 list-decimal space-y-1 pl-5">
                        {feed.guidance.steps.map((step) => (
                          <li key={step}>{step}</li>
                        ))}
                      </ol>
                    </div>
                  )}
                  {feed.transientProblem && (
                    <p className="rounded bg-amber-50 p-3 text-sm text-amber-900">{t("transientProblem")}</p>
                  )}
                  <FeedButtons listingId={listing.id} feedId={feed.id} label={feed.label} />
                  <details className="text-sm">
                    <summary className="cursor-pointer text-blue-800 underline">{t("replaceLink")}</summary>
                    <FeedLinkForm mode={{ kind: "replace", listingId: listing.id, feedId: feed.id }} />
                  </details>
                </li>
              ))}
              {listing.feeds.length === 0 && <li className="py-3 text-sm text-slate-600">{t("noFeed")}</li>}
            </ul>
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer font-medium text-blue-800 underline">{t("addCalendar")}</summary>
              <FeedLinkForm mode={{ kind: "add", listingId: listing.id }} />
            </details>
            <ExportLinksSection
              listingId={listing.id}
              links={exportLinks.get(listing.id) ?? []}
              t={t}
              locale={locale}
            />
          </section>
        ))}
      </main>
    </div>
  );
}
