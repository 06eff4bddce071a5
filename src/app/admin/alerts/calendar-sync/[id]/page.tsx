import Link from "next/link";
import { notFound } from "next/navigation";
import { certaintyLabel, nightsText, shortNight } from "@/server/shared/conflict-words";
import { requestTime } from "@/server/request-time";
import { getAlertDetail, type AlertDetailDTO } from "@/server/services/read-models/read-models.service";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { NotFoundError } from "@/server/errors";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import type { ServiceContext } from "@/server/service-context";
import { StatusBadge } from "@/components/admin/status-badge";
import { AlertRisk } from "@/components/admin/alert-risk";
import { DetailResolve } from "@/components/admin/detail-resolve";
import { SyncNowButton } from "@/components/admin/sync-now-button";
import { ResendHostNoticeButton } from "@/components/admin/resend-host-notice-button";
import { formatDateTime } from "@/components/admin/format";
import { outcomeLabel } from "@/components/admin/labels";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { AlertOwner } from "@/components/admin/alert-owner";
import { AlertSnooze } from "@/components/admin/alert-snooze";
import { AlertNoteForm } from "@/components/admin/alert-note-form";
import { alertEventText } from "@/components/admin/alert-event-text";
import { listSupportAgents } from "@/server/services/users/users.service";
import { formatMessage } from "@/server/shared/messages";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

export async function generateMetadata() {
  return { title: (await pageTranslator(alertsCatalogue))("detailTitle") };
}

async function loadAlert(ctx: ServiceContext, id: string): Promise<AlertDetailDTO> {
  try {
    return await getAlertDetail(ctx, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

export default async function AlertDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, `/admin/alerts/calendar-sync/${encodeURIComponent(id)}`);
  const now = await requestTime();
  const [alert, agents] = await Promise.all([loadAlert(ctx, id), listSupportAgents(ctx)]);
  const locale = await getPageLocale();
  const t = await pageTranslator(alertsCatalogue);
  const type = describeSyncErrorType(alert.errorType, locale);
  const viewerId = ctx.actor.id ?? "";
  const open = alert.status !== "resolved";
  // What support did and the failures, newest first: one timeline.
  const timeline = [
    ...alert.events.map((event) => ({
      key: `e${event.id}`,
      at: event.occurredAt,
      kind: event.kind === "note" ? "note" : "event",
      title: alertEventText(event, t, locale),
      body: event.text,
    })),
    ...alert.failures.map((failure) => ({
      key: `f${failure.id}`,
      at: failure.occurredAt,
      kind: "failure",
      title: describeSyncErrorType(failure.errorType, locale).label,
      body: failure.errorMessage,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <main className="space-y-5">
      <Breadcrumbs
        trail={[
          { label: t("dashboard"), href: "/admin" },
          { label: t("listTitle"), href: "/admin/alerts/calendar-sync" },
          { label: t("detail") },
        ]}
      />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 translate="no" className="text-2xl font-semibold">
            {alert.listing.title}
          </h1>
          <p className="text-sm text-slate-600">{t("listingId", { id: alert.listing.id })}</p>
          <div className="mt-2 flex items-center gap-2">
            <StatusBadge
              status={alert.status}
              escalationHeld={alert.escalationHeldAt !== null}
              snoozed={alert.snoozedUntil !== null || alert.snoozedUntilChange}
            />
            <AlertRisk alert={alert} now={now} />
          </div>
        </div>
        {alert.status !== "resolved" && <DetailResolve alertId={alert.id} listingTitle={alert.listing.title} />}
      </header>

      <section aria-labelledby="error-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="error-title" className="text-lg font-semibold">
          {type.label}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{type.hint}</p>
        <p translate="no" className="mt-3 rounded bg-slate-50 p-3 font-mono text-sm break-words">
          {alert.errorMessage}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label={t("failedAttempts")}>{alert.failedAttempts}</Fact>
          <Fact label={t("firstFailure")}>{formatDateTime(alert.firstFailedAt, locale)}</Fact>
          <Fact label={t("colLastFailure")}>{formatDateTime(alert.lastFailedAt, locale)}</Fact>
          <Fact label={t("escalatedAt")}>{formatDateTime(alert.escalatedAt, locale)}</Fact>
        </dl>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <p data-testid="host-notified" className="text-sm text-slate-700">
            {alert.hostNotifiedAt
              ? t("hostNotifiedOn", { when: formatDateTime(alert.hostNotifiedAt, locale) })
              : t("hostNotYetNotified")}
          </p>
          {alert.status !== "resolved" && (
            <ResendHostNoticeButton alertId={alert.id} sent={alert.hostNotifiedAt !== null} />
          )}
        </div>
        {alert.escalationReason && (
          <p data-testid="escalation-reason" className="mt-3 text-sm text-slate-700">
            {t("escalatedBecause", { reason: alert.escalationReason })}
          </p>
        )}
      </section>

      <section aria-labelledby="workflow-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="workflow-title" className="text-lg font-semibold">
          {t("followUp")}
        </h2>
        <AlertOwner alertId={alert.id} assignee={alert.assignee} viewerId={viewerId} agents={agents} open={open} />
        {open && (
          <AlertSnooze
            alertId={alert.id}
            snoozedUntil={alert.snoozedUntil}
            snoozedUntilChange={alert.snoozedUntilChange}
          />
        )}
        <AlertNoteForm alertId={alert.id} />
      </section>

      {alert.status === "resolved" && (
        <section aria-labelledby="resolution-title" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
          <h2 id="resolution-title" className="font-semibold">
            {t("resolution")}
          </h2>
          <p data-testid="resolution" className="mt-1 text-sm">
            {alert.resolvedAutomatically
              ? t("resolvedAutomaticallyOn", { when: formatDateTime(alert.resolvedAt, locale) })
              : t("resolvedByOn", {
                  name: alert.resolvedBy?.name ?? t("aDeletedUser"),
                  when: formatDateTime(alert.resolvedAt, locale),
                })}
          </p>
          {alert.resolutionNote && (
            <p className="mt-1 text-sm">
              {t("noteLabel")} <span translate="no">{alert.resolutionNote}</span>
            </p>
          )}
        </section>
      )}

      {alert.conflicts.length > 0 && (
        <section
          aria-labelledby="alert-conflicts-title"
          className="rounded-lg border-2 border-red-600 bg-red-50 p-4 text-sm"
        >
          <h2 id="alert-conflicts-title" className="text-lg font-semibold text-red-900">
            {t("listingConflicts")}
          </h2>
          <ul className="mt-1 space-y-1">
            {alert.conflicts.map((conflict) => (
              <li key={conflict.id}>
                <Link
                  href={`/admin/conflits/${conflict.id}`}
                  className="font-medium text-red-900 underline-offset-2 hover:underline"
                >
                  {t("conflictLine", {
                    label: certaintyLabel(conflict.certainty, locale),
                    nights: nightsText(conflict.nights, locale),
                    first: shortNight(conflict.firstNight, locale),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="feeds-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="feeds-title" className="text-lg font-semibold">
          {t("listingFeeds")}
        </h2>
        <ul className="mt-2 divide-y divide-slate-100">
          {alert.feeds.map((feed) => (
            <li key={feed.id} className="space-y-2 py-3">
              <div className="flex flex-wrap items-baseline gap-2">
                <span className="font-medium">{feed.provider}</span>
                {feed.paused && (
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 ring-1 ring-slate-300">
                    {t("paused")}
                  </span>
                )}
                <code className="text-sm break-all text-slate-600">{feed.url}</code>
              </div>
              <p className="text-sm text-slate-700">
                {t("feedState", {
                  error: feed.lastError ? t("lastError", { label: feed.lastError.label }) : t("noError"),
                  last: formatDateTime(feed.lastSuccessAt, locale),
                  failures: formatMessage("consecutiveFailures", { count: feed.consecutiveFailures }, locale),
                })}
              </p>
              <SyncNowButton feedId={feed.id} />
            </li>
          ))}
          {alert.feeds.length === 0 && <li className="py-3 text-sm text-slate-600">{t("noFeedLeft")}</li>}
        </ul>
      </section>

      <div className="grid gap-5 lg:grid-cols-2">
        <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="timeline-title" className="text-lg font-semibold">
            {t("history")}
          </h2>
          <ol className="mt-2 space-y-2" data-testid="timeline">
            {alert.hostNotifiedAt && (
              <li className="border-l-2 border-blue-300 pl-3 text-sm">
                <div className="font-medium">
                  {t("hostNotified", { when: formatDateTime(alert.hostNotifiedAt, locale) })}
                </div>
              </li>
            )}
            {timeline.map((entry) => (
              <li
                key={entry.key}
                className={`border-l-2 pl-3 text-sm ${entry.kind === "failure" ? "border-red-300" : entry.kind === "note" ? "border-amber-400" : "border-slate-400"}`}
              >
                <div className="font-medium">
                  {formatDateTime(entry.at, locale)} · {entry.title}
                </div>
                {entry.body && (
                  // What a person wrote, or the error as recorded: shown as it is, never translated.
                  <div translate="no" className="break-words whitespace-pre-wrap text-slate-700">
                    {entry.body}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </section>
        {alert.exportLinks.length > 0 && (
          <section aria-labelledby="export-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="export-title" className="text-lg font-semibold">
              {t("exportLinksAndReads")}
            </h2>
            <ul className="mt-2 space-y-1 text-sm" data-testid="export-links-state">
              {alert.exportLinks.map((link) => (
                <li key={link.id} className="flex flex-wrap gap-x-2">
                  <span className="font-medium">{link.destinationLabel}</span>
                  <span className={link.staleSince ? "text-red-800" : "text-slate-700"}>
                    {link.lastReadAt
                      ? t(link.staleSince ? "notReadSince" : "readOn", {
                          when: formatDateTime(link.lastReadAt, locale),
                          reader: link.lastReaderLabel ?? "—",
                        })
                      : link.neverRead
                        ? t("neverRead")
                        : t("notYetRead")}
                  </span>
                </li>
              ))}
            </ul>
            <h3 className="mt-3 font-semibold">{t("reads")}</h3>
            <ol className="mt-1 space-y-1 text-sm" data-testid="export-reads">
              {alert.exportReads.map((read) => (
                <li key={read.id} className="flex flex-wrap gap-x-2">
                  <span className="whitespace-nowrap">{formatDateTime(read.at, locale)}</span>
                  <span>{read.destinationLabel}</span>
                  <span className="text-slate-700">{t("readBy", { reader: read.readerLabel })}</span>
                  <span className="text-slate-500">HTTP {read.status}</span>
                  {read.clientNetwork && <span className="text-slate-500">{read.clientNetwork}</span>}
                  {read.previousToken && <span className="text-amber-800">{t("previousLink")}</span>}
                </li>
              ))}
              {alert.exportReads.length === 0 && <li className="text-slate-600">{t("noRead")}</li>}
            </ol>
          </section>
        )}
        <section aria-labelledby="runs-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="runs-title" className="text-lg font-semibold">
            {t("recentRuns")}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {alert.recentRuns.map((run) => (
              <li key={run.id} className="flex flex-wrap gap-x-2">
                <span className="whitespace-nowrap">{formatDateTime(run.startedAt, locale)}</span>
                <span
                  className={
                    run.outcome === "failure"
                      ? "text-red-800"
                      : run.outcome === "warning"
                        ? "text-amber-800"
                        : "text-emerald-800"
                  }
                >
                  {outcomeLabel(run.outcome, t)}
                </span>
                {run.error && <span className="text-slate-700">{run.error.label}</span>}
                {run.httpStatus !== null && <span className="text-slate-500">HTTP {run.httpStatus}</span>}
                <span className="text-slate-500">{run.durationMs} ms</span>
              </li>
            ))}
            {alert.recentRuns.length === 0 && <li className="text-slate-600">{t("noRun")}</li>}
          </ul>
        </section>
      </div>
    </main>
  );
}
