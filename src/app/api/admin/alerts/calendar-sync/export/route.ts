// GET /api/admin/alerts/calendar-sync/export?<the list's filters>: the matching alerts as CSV for French Excel
// (UTF-8 with BOM, « ; »), streamed, with a dated file name.
import { NextResponse } from "next/server";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseSearchParams } from "@/server/http/parse";
import { ListAlertsInput, exportAlertsCsv, exportFileName } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  const filters = parseSearchParams(ListAlertsInput, request.url);
  const body = await exportAlertsCsv(ctx, filters);
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(new Date())}"`,
      "cache-control": "no-store",
    },
  });
});
