// GET /api/admin/audit-log/export?<the journal's filters>: the matching entries as CSV for French Excel (admins).
import { NextResponse } from "next/server";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseSearchParams } from "@/server/http/parse";
import { ListAuditInput, auditFileName, exportAuditCsv } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole(ADMIN_ROLES, async ({ request, ctx }) => {
  const body = await exportAuditCsv(ctx, parseSearchParams(ListAuditInput, request.url));
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${auditFileName(new Date())}"`,
      "cache-control": "no-store",
    },
  });
});
