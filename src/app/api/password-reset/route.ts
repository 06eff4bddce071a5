// POST /api/password-reset { email }: « Mot de passe oublié ». The same answer whatever the address (no session);
// throttled as sign-in (429 with Retry-After).
import { clientAddressOf } from "@/server/auth/client-address";
import { withPublic } from "@/server/http/with-public";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { PasswordResetRequestBody, requestPasswordReset } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withPublic(async ({ request, ctx }) => {
  const body = await parseJsonBody(PasswordResetRequestBody, request);
  return jsonData(
    await requestPasswordReset(ctx, { email: body.email, clientAddress: clientAddressOf(request.headers) }),
    undefined,
    202,
  );
});
