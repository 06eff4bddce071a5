// DELETE /api/admin/users/{id}/sessions: « Déconnecter partout », every open session of the member ends.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { signOutAccountEverywhere } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const DELETE = withRole<{ id: string }>(ADMIN_ROLES, async ({ params, ctx }) =>
  jsonData(await signOutAccountEverywhere(ctx, { userId: params.id })),
);
