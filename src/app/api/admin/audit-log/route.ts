// GET /api/admin/audit-log?actor=&action=&entityType=&entityId=&from=&to=&cursor=&limit=: the journal, newest first (admins).
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListAuditInput, listAuditLog } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole(ADMIN_ROLES, async ({ request, ctx }) => {
  const page = await listAuditLog(ctx, parseSearchParams(ListAuditInput, request.url));
  return jsonData(page.data, page.meta);
});
