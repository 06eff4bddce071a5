import { requestTime } from "@/server/request-time";
import { requirePageRole } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { listAlerts } from "@/server/services/back-office/back-office.service";
import { CalendarAlertsPanel } from "@/components/admin/calendar-alerts-panel";
import { FeedWarnings } from "@/components/admin/feed-warnings";
import { listFeedWarnings } from "@/server/services/back-office/back-office.service";

export const metadata = { title: "Tableau de bord" };

export default async function AdminDashboardPage() {
  const viewer = await requirePageRole(BACK_OFFICE_ROLES, "/admin");
  const renderedAt = await requestTime();
  const [page, warnings] = await Promise.all([listAlerts(viewer, { status: "open", limit: 50 }), listFeedWarnings(viewer)]);
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-semibold">Tableau de bord support</h1>
      <CalendarAlertsPanel initialAlerts={page.data} initialCounts={page.meta.counts} renderedAt={renderedAt} />
      <FeedWarnings warnings={warnings} />
    </main>
  );
}
