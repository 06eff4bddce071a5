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
  nightsText,
  stayKindLabel,
  untilFirstNight,
} from "@/server/shared/conflict-words";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { DismissConflictForm } from "@/components/admin/dismiss-conflict-form";
import { formatStayMoment, formatDateTime } from "@/components/admin/format";
import { requestTime } from "@/server/request-time";
import { formatMessage } from "@/server/shared/messages";

export const metadata = { title: "Double réservation" };

async function loadConflict(ctx: ServiceContext, id: string): Promise<ConflictDetailDTO> {
  try {
    return await getConflictDetail(ctx, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

const stateOf = (conflict: ConflictDetailDTO) =>
  conflict.status === "open"
    ? "Ouvert"
    : conflict.status === "dismissed"
      ? `Pas un conflit (${conflict.dismissedBy?.name ?? "support"}, le ${formatDateTime(conflict.resolvedAt)}) : ${conflict.resolution ?? ""}`
      : `Résolu le ${formatDateTime(conflict.resolvedAt)} : ${conflict.resolution ?? ""}`;

export default async function ConflictDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, `/admin/conflits/${encodeURIComponent(id)}`);
  const renderedAt = await requestTime();
  const conflict = await loadConflict(ctx, id);
  return (
    <main className="space-y-5">
      <Breadcrumbs
        trail={[
          { label: "Tableau de bord", href: "/admin" },
          { label: "Doubles réservations", href: "/admin/conflits" },
          { label: conflict.listingTitle },
        ]}
      />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {conflictHeadline({
            certainty: conflict.certainty,
            providers: [conflict.stays[0].provider, conflict.stays[1].provider],
          })}{" "}
          : {conflict.listingTitle}
        </h1>
        <p className="text-sm text-slate-800">
          <strong>
            {nightsText(conflict.nights)} en commun, {conflictPeriod(conflict.firstNight, conflict.lastNight)}
          </strong>
          {conflict.status === "open" && (
            <span className="ml-1 font-semibold text-red-800">
              ({untilFirstNight(conflict.firstNight, renderedAt)})
            </span>
          )}
        </p>
        <p data-testid="conflict-status" className="text-sm text-slate-700">
          {stateOf(conflict)}
        </p>
        {conflict.arrivedAfterHours !== null && (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Arrivée après {conflict.arrivedAfterHours} h sans synchronisation : l&apos;un des calendriers ne se mettait
            plus à jour quand le second séjour a été réservé.
          </p>
        )}
      </header>

      <section aria-labelledby="stays-title" className="space-y-2">
        <h2 id="stays-title" className="text-lg font-semibold">
          Les deux séjours
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {conflict.stays.map((stay, index) => (
            <div
              key={`${stay.feedId}-${index}`}
              data-testid="conflict-stay"
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
            >
              <div className="text-base font-semibold">{stay.provider}</div>
              <div>{stayKindLabel(stay.kind)}</div>
              <div>Arrivée : {formatStayMoment(stay.startsAt)}</div>
              <div>Départ : {formatStayMoment(stay.endsAt)}</div>
              {stay.feedId === PLATFORM_FEED_ID && conflict.platformReservation && (
                <div className="mt-1 text-slate-700">
                  Réservation {conflict.platformReservation.reservationId}
                  {conflict.platformReservation.guestName
                    ? ` · voyageur : ${conflict.platformReservation.guestName}`
                    : ""}
                  {conflict.platformReservation.status === "cancelled" ? " · annulée" : ""}
                </div>
              )}
            </div>
          ))}
        </div>
        <p className="text-xs text-slate-600">
          Le nom des voyageurs des autres plateformes et leurs liens de réservation ne sont pas repris ici : ouvrez la
          réservation sur la plateforme concernée.
        </p>
      </section>

      <section aria-labelledby="feeds-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="feeds-title" className="mb-2 text-lg font-semibold">
          Calendriers de l&apos;annonce
        </h2>
        {conflict.alert && (
          <p className="mb-2">
            <Link
              href={`/admin/alerts/calendar-sync/${conflict.alert.id}`}
              className="font-medium text-blue-800 underline-offset-2 hover:underline"
            >
              Alerte de synchronisation ouverte ({formatMessage("failures", { count: conflict.alert.failedAttempts })})
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
                  ? `En échec (${feed.consecutiveFailures} de suite${feed.lastError ? ` : ${feed.lastError.label}` : ""})`
                  : `Synchronisé le ${formatDateTime(feed.lastSuccessAt)}`}
              </div>
            </li>
          ))}
        </ul>
      </section>

      {conflict.status === "open" && <DismissConflictForm conflictId={conflict.id} />}

      <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="timeline-title" className="mb-2 text-lg font-semibold">
          Historique
        </h2>
        <ol className="space-y-1">
          {conflict.timeline.map((event, index) => (
            <li key={index}>
              <span className="text-slate-600">{formatDateTime(event.at)}</span> · {event.action}
              {event.actor ? ` par ${event.actor}` : ""}
              {event.detail ? ` : ${event.detail}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
