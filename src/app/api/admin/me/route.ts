// GET /api/admin/me: the signed-in back-office user (lets clients check their session and role).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ user }) => jsonData(user));
