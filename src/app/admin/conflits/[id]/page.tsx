import { PLATFORM_FEED_ID } from "@/server/shared/platform-source";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import type { ServiceContext } from "@/server/service-context";
import { NotFoundError } from "@/server/errors";
import { getConflictDetail, type ConflictDetailDTO } from "@/server/services/read-models/read-models.service";
import {
  conflictHeadline,
  conflictPeriod,
  conflictResolutionText,
  nightsText,
  stayKindLabel,
  untilFirstNight,
} from "@/server/shared/conflict-words";
import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { conflictsCatalogue } from "@/i18n/catalogue/conflicts";
import type { Translate } from "@/i18n/translator";
import type { Locale } from "@/i18n/locales";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { DismissConflictForm } from "@/components/admin/dismiss-conflict-form";
import { formatStayMoment, formatDateTime } from "@/components/admin/format";
import { requestTime } from "@/server/request-time";
import { formatMessage } from "@/server/shared/messages";

export async function generateMetadata() {
  return { title: (await pageTranslator(conflictsCatalogue))("detailTitle") };
}

const TIMELINE_WORDS = {
  "booking_conflict.opened": "timeline.opened",
  "booking_conflict.resolved": "timeline.resolved",
  "booking_conflict.dismissed": "timeline.dismissed",
} as const;

async function loadConflict(ctx: ServiceContext, id: string): Promise<ConflictDetailDTO> {
  try {
    return await getConflictDetail(ctx, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

const stateOf = (conflict: ConflictDetailDTO, t: Translate<keyof typeof conflictsCatalogue.fr>, locale: Locale) =>
  conflict.status === "open"
    ? t("stateOpen")
    : conflict.status === "dismissed"
      ? t("dismissedState", {
          by: conflict.dismissedBy?.name ?? t("support"),
          when: formatDateTime(conflict.resolvedAt, locale),
          resolution: conflictResolutionText(conflict.resolution, locale),
        })
      : t("resolvedState", {
          when: formatDateTime(conflict.resolvedAt, locale),
          resolution: conflictResolutionText(conflict.resolution, locale),
        });

export default async function ConflictDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, `/admin/conflits/${encodeURIComponent(id)}`);
  const renderedAt = await requestTime();
  const conflict = await loadConflict(ctx, id);
  const locale = await getPageLocale();
  const t = await pageTranslator(conflictsCatalogue);
  return (
    <main className="space-y-5">
      <Breadcrumbs
        trail={[
          { label: t("dashboard"), href: "/admin" },
          { label: t("title"), href: "/admin/conflits" },
          { label: conflict.listingTitle },
        ]}
      />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {t("detailHeading", {
            headline: conflictHeadline(
              { certainty: conflict.certainty, providers: [conflict.stays[0].provider, conflict.stays[1].provider] },
              locale,
            ),
          })}{" "}
          <span translate="no">{conflict.listingTitle}</span>
        </h1>
        <p className="text-sm text-slate-800">
          <strong>
            {t("inCommon", {
              nights: nightsText(conflict.nights, locale),
              period: conflictPeriod(conflict.firstNight, conflict.lastNight, locale),
            })}
          </strong>
          {conflict.status === "open" && (
            <span className="ml-1 font-semibold text-red-800">
              ({untilFirstNight(conflict.firstNight, renderedAt, locale)})
            </span>
          )}
        </p>
        <p data-testid="conflict-status" className="text-sm text-slate-700">
          {stateOf(conflict, t, locale)}
        </p>
        {conflict.arrivedAfterHours !== null && (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("arrivedAfter", { hours: conflict.arrivedAfterHours })}
          </p>
        )}
      </header>

      <section aria-labelledby="stays-title" className="space-y-2">
        <h2 id="stays-title" className="text-lg font-semibold">
          {t("theTwoStays")}
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {conflict.stays.map((stay, index) => (
            <div
              key={`${stay.feedId}-${index}`}
              data-testid="conflict-stay"
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
            >
              <div className="text-base font-semibold">{stay.provider}</div>
              <div>{stayKindLabel(stay.kind, locale)}</div>
              <div>{t("arrival", { when: formatStayMoment(stay.startsAt, locale) })}</div>
              <div>{t("departure", { when: formatStayMoment(stay.endsAt, locale) })}</div>
              {stay.feedId === PLATFORM_FEED_ID && conflict.platformReservation && (
                <div className="mt-1 text-slate-700">
                  {t("reservation", { id: conflict.platformReservation.reservationId })}
                  {conflict.platformReservation.guestName
                    ? t("guest", { name: conflict.platformReservation.guestName })
                    : ""}
                  {conflict.platformReservation.status === "cancelled" ? t("cancelled") : ""}
                </div>
              )}
            </div>
          ))}
        </div>
        <p className="text-xs text-slate-600">{t("guestNamesNote")}</p>
      </section>

      <section aria-labelledby="feeds-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="feeds-title" className="mb-2 text-lg font-semibold">
          {t("listingCalendars")}
        </h2>
        {conflict.alert && (
          <p className="mb-2">
            <Link
              href={`/admin/alerts/calendar-sync/${conflict.alert.id}`}
              className="font-medium text-blue-800 underline-offset-2 hover:underline"
            >
              {t("openSyncAlert", {
                failures: formatMessage("failures", { count: conflict.alert.failedAttempts }, locale),
              })}
            </Link>
          </p>
        )}
        <ul className="divide-y divide-slate-100">
          {conflict.feeds.map((feed) => (
            <li key={feed.id} className="py-2">
              <span className="font-medium">{feed.provider}</span>{" "}
              <code className="break-all text-slate-600">{feed.url}</code>
              <div className={feed.consecutiveFailures > 0 ? "text-red-800" : "text-slate-700"}>
                {feed.consecutiveFailures > 0
                  ? feed.lastError
                    ? t("feedFailingWith", { count: feed.consecutiveFailures, label: feed.lastError.label })
                    : t("feedFailing", { count: feed.consecutiveFailures })
                  : t("syncedOn", { when: formatDateTime(feed.lastSuccessAt, locale) })}
              </div>
            </li>
          ))}
        </ul>
      </section>

      {conflict.status === "open" && <DismissConflictForm conflictId={conflict.id} />}

      <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="timeline-title" className="mb-2 text-lg font-semibold">
          {t("history")}
        </h2>
        <ol className="space-y-1">
          {conflict.timeline.map((event, index) => (
            <li key={index}>
              <span className="text-slate-600">{formatDateTime(event.at, locale)}</span> ·{" "}
              {event.action in TIMELINE_WORDS
                ? t(TIMELINE_WORDS[event.action as keyof typeof TIMELINE_WORDS])
                : event.action}
              {event.actor ? t("byActor", { actor: event.actor }) : ""}
              {event.detail ? t("withDetail", { detail: conflictResolutionText(event.detail, locale) }) : ""}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
