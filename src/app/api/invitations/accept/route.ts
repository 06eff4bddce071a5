// POST /api/invitations/accept { token, password }: the invited person's password; the link is used up (no session).
import { withPublic } from "@/server/http/with-public";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { acceptInvitation, AcceptInvitationInput } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withPublic(async ({ request, ctx }) =>
  jsonData(await acceptInvitation(ctx, await parseJsonBody(AcceptInvitationInput, request))),
);
