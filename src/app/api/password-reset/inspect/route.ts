// POST /api/password-reset/inspect { token }: which address a reset link is for, or why it no longer works (no session).
// The token travels in a body, never a URL: the page reads it from the link's fragment.
import { withPublic } from "@/server/http/with-public";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { PasswordResetTokenBody, inspectPasswordReset } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withPublic(async ({ request, ctx }) =>
  jsonData(await inspectPasswordReset(ctx, await parseJsonBody(PasswordResetTokenBody, request))),
);
