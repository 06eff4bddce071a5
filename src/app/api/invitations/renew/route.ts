// POST /api/invitations/renew { token }: « Recevoir un nouveau lien » from an expired or replaced link, to the same
// account's address; the same answer whatever the link (no session).
import { withPublic } from "@/server/http/with-public";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { InspectInvitationBody, renewInvitation } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withPublic(async ({ request, ctx }) =>
  jsonData(await renewInvitation(ctx, await parseJsonBody(InspectInvitationBody, request))),
);
