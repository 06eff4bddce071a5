import { pageTranslator } from "@/server/auth/page-locale";
import { shellCatalogue } from "@/i18n/catalogue/shell";
import Link from "next/link";

// Rendered by forbidden() with status 403: on /acces-refuse, where the back-office sends a signed-in user without the role.
export default async function AccessDenied() {
  const t = await pageTranslator(shellCatalogue);
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-4 text-slate-700">{t("forbiddenText")}</p>
      <p className="mt-6 flex gap-4">
        <Link href="/hote/calendriers" className="text-blue-700 underline">
          {t("hostCalendarsLink")}
        </Link>
        <Link href="/api/auth/signout" className="text-blue-700 underline">
          {t("signOut")}
        </Link>
      </p>
    </main>
  );
}
