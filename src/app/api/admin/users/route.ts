// GET /api/admin/users: « Équipe », the support and admin accounts (admins only).
// POST { name, email, role }: « Inviter », a new account and its single-use link by e-mail, 201.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { InviteTeamMemberBody, inviteTeamMember, listTeam } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const GET = withRole(ADMIN_ROLES, async ({ ctx }) => jsonData(await listTeam(ctx)));

export const POST = withRole(ADMIN_ROLES, async ({ request, ctx }) =>
  jsonData(await inviteTeamMember(ctx, await parseJsonBody(InviteTeamMemberBody, request)), undefined, 201),
);
