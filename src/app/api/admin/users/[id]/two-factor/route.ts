// DELETE /api/admin/users/{id}/two-factor: « Réinitialiser la double authentification » of a member who lost phone and codes.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { resetMemberTwoFactor } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const DELETE = withRole<{ id: string }>(ADMIN_ROLES, async ({ params, ctx }) =>
  jsonData(await resetMemberTwoFactor(ctx, { userId: params.id })),
);
