import { pageTranslator } from "@/server/auth/page-locale";
import { authCatalogue } from "@/i18n/catalogue/auth";
import { InvitationForm } from "@/components/auth/invitation-form";
import { CHOSEN_PASSWORD_MIN_LENGTH } from "@/server/services/users/users.service";
import { getConfig } from "@/server/config";

export async function generateMetadata() {
  return { title: (await pageTranslator(authCatalogue))("invitationTitle") };
}

// The link's token is in its fragment (#…): the browser never sends it to a server, so it is in no log; the form reads it.
export default async function InvitationPage() {
  const t = await pageTranslator(authCatalogue);
  const { oidc } = getConfig();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">{t("invitationTitle")}</h1>
      <InvitationForm
        minLength={CHOSEN_PASSWORD_MIN_LENGTH}
        company={oidc ? { label: oidc.label, only: oidc.only } : null}
      />
    </main>
  );
}
