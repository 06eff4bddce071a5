// POST /api/password-reset { email }: « Mot de passe oublié ». The same answer whatever the address (no session);
// throttled as sign-in (429 with Retry-After).
import { clientAddressOf } from "@/server/auth/client-address";
import { withPublic } from "@/server/http/with-public";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { PasswordResetRequestBody, requestPasswordReset } from "@/server/services/users/users.service";
import { negotiateLocale } from "@/i18n/locales";

export const runtime = "nodejs";

export const POST = withPublic(async ({ request, ctx }) => {
  const body = await parseJsonBody(PasswordResetRequestBody, request);
  return jsonData(
    await requestPasswordReset(ctx, {
      email: body.email,
      clientAddress: clientAddressOf(request.headers),
      // Written before the account is looked up (the same cost for every address): in the asking browser's language.
      locale: negotiateLocale(request.headers.get("accept-language")),
    }),
    undefined,
    202,
  );
});
