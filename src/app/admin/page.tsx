import { requestTime } from "@/server/request-time";
import { listAlerts } from "@/server/services/support/alert.service";
import { CalendarAlertsPanel } from "@/components/admin/calendar-alerts-panel";

export const metadata = { title: "Tableau de bord" };

export default async function AdminDashboardPage() {
  const renderedAt = await requestTime();
  const page = await listAlerts({ status: "open", limit: 50 });
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-semibold">Tableau de bord support</h1>
      <CalendarAlertsPanel initialAlerts={page.data} initialCounts={page.meta.counts} renderedAt={renderedAt} />
    </main>
  );
}
