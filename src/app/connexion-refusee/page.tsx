import Link from "next/link";
import { COMPANY_SIGN_IN_REFUSALS, type CompanySignInRefusal } from "@/server/shared/company-sign-in";
import { pageTranslator } from "@/server/auth/page-locale";
import { authCatalogue } from "@/i18n/catalogue/auth";

export async function generateMetadata() {
  return { title: (await pageTranslator(authCatalogue))("refusedTitle") };
}

/** Where a company sign-in that is not one of our staff accounts lands: why, in words, and the way back. */
export default async function CompanySignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const reason = (await searchParams).raison;
  const known = COMPANY_SIGN_IN_REFUSALS.find((refusal) => refusal === reason);
  const refusal: CompanySignInRefusal = known ?? "unknown";
  const t = await pageTranslator(authCatalogue);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-semibold">{t("refusedTitle")}</h1>
      <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
        {t(`refused.${refusal}`)}
      </p>
      <Link href="/login" className="text-sm text-blue-800 underline">
        {t("backToSignIn")}
      </Link>
    </main>
  );
}
