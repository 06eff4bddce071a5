import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { getPageLocale } from "@/server/auth/page-locale";
import { LocaleProvider } from "@/i18n/locale-context";

export const metadata: Metadata = {
  title: { default: "Back-office support", template: "%s · Back-office support" },
};

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
