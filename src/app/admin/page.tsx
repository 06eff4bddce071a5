import { requestTime } from "@/server/request-time";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import {
  countOpenConflicts,
  listConflicts,
  listFeedWarnings,
  listOpenIncidents,
  readDashboardAlerts,
} from "@/server/services/read-models/read-models.service";
import { BookingConflictsSection } from "@/components/admin/booking-conflicts-section";
import { IncidentBanner } from "@/components/admin/incident-banner";
import { CalendarAlertsPanel } from "@/components/admin/calendar-alerts-panel";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { FeedWarnings } from "@/components/admin/feed-warnings";
import { FailingChannelsBanner } from "@/components/admin/channels/failing-channels-banner";
import { listFailingChannels } from "@/server/services/notifications/notifications.service";

import { pageTranslator } from "@/server/auth/page-locale";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

export async function generateMetadata() {
  return { title: (await pageTranslator(alertsCatalogue))("dashboardTitle") };
}

export default async function AdminDashboardPage() {
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, "/admin");
  const renderedAt = await requestTime();
  const t = await pageTranslator(alertsCatalogue);
  const [dashboard, warnings, incidents, conflicts, openConflicts, failingChannels] = await Promise.all([
    readDashboardAlerts(ctx),
    listFeedWarnings(ctx),
    listOpenIncidents(ctx),
    listConflicts(ctx, { status: "open", limit: 10 }),
    countOpenConflicts(ctx),
    listFailingChannels(ctx),
  ]);
  return (
    <main className="space-y-6">
      <LiveRefresh />
      <h1 className="text-2xl font-semibold">{t("dashboardHeading")}</h1>
      <FailingChannelsBanner channels={failingChannels} />
      <BookingConflictsSection conflicts={conflicts.data} total={openConflicts} renderedAt={renderedAt} />
      <IncidentBanner incidents={incidents} />
      <CalendarAlertsPanel alerts={dashboard.alerts} counts={dashboard.counts} renderedAt={renderedAt} />
      <FeedWarnings warnings={warnings} />
    </main>
  );
}
