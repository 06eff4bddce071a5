// POST /api/password-reset/complete { token, password }: the new password; the link is used up and every session ends.
import { withPublic } from "@/server/http/with-public";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { CompletePasswordResetInput, completePasswordReset } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withPublic(async ({ request, ctx }) =>
  jsonData(await completePasswordReset(ctx, await parseJsonBody(CompletePasswordResetInput, request))),
);
