import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { getPageLocale } from "@/server/auth/page-locale";
import { LocaleProvider } from "@/i18n/locale-context";
import { shellCatalogue } from "@/i18n/catalogue/shell";
import { translator } from "@/i18n/translator";

export async function generateMetadata(): Promise<Metadata> {
  const appName = translator(shellCatalogue, await getPageLocale())("appName");
  return { title: { default: appName, template: `%s · ${appName}` } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so Next can put the CSP nonce (set by
  // src/proxy.ts) on its scripts; a page prerendered at build time would carry none and be blocked.
  await headers();
  const locale = await getPageLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
