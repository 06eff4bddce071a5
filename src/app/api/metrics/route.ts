// GET /api/metrics: Prometheus text format. Bearer METRICS_TOKEN or an admin session.
import { errorResponse } from "@/server/http/respond";
import { authorizeMetricsScrape } from "@/server/metrics/authorize-scrape";
import { getMetrics } from "@/server/metrics/registry";
import { updateDatabaseGauges } from "@/server/metrics/database-gauges";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    await authorizeMetricsScrape(request);
    const { registry } = getMetrics();
    await updateDatabaseGauges(registry);
    const body = await registry.metrics();
    return new Response(body, { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/metrics");
  }
}
