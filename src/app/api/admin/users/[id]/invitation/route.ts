// POST /api/admin/users/{id}/invitation: « Inviter », an account without a password gets its link (admins only).
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { inviteAccount } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string }>(["admin"], async ({ params, ctx }) =>
  jsonData(await inviteAccount(ctx, { userId: params.id }), undefined, 201),
);
