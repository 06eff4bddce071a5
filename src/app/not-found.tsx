import { pageTranslator } from "@/server/auth/page-locale";
import { shellCatalogue } from "@/i18n/catalogue/shell";
import Link from "next/link";

export async function generateMetadata() {
  return { title: (await pageTranslator(shellCatalogue))("notFoundTitle") };
}

export default async function NotFoundPage() {
  const t = await pageTranslator(shellCatalogue);
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-4 text-slate-700">{t("notFoundText")}</p>
      <p className="mt-6">
        <Link href="/admin" className="text-blue-700 underline">
          {t("backToDashboard")}
        </Link>
      </p>
    </main>
  );
}
