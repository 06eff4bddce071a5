"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LanguageSwitch } from "@/components/auth/language-switch";
import { useTranslator } from "@/i18n/locale-context";
import { shellCatalogue } from "@/i18n/catalogue/shell";

const LINKS = [
  { href: "/admin/alerts/calendar-sync", label: "navAlerts" },
  { href: "/admin/conflits", label: "navConflicts" },
  { href: "/admin/incidents", label: "navIncidents" },
] as const;
const ADMIN_LINKS = [
  { href: "/admin/notifications", label: "navNotifications" },
  { href: "/admin/integrations", label: "navIntegrations" },
  { href: "/admin/equipe", label: "navTeam" },
  { href: "/admin/journal", label: "navJournal" },
] as const;

/**
 * The back-office header: inline links from 1024 px and the account from 1536 px, the rest in a « Menu »; the current
 * page marked (aria-current).
 */
export function AdminHeader({ userName, role }: { userName: string; role: "support" | "admin" }) {
  const t = useTranslator(shellCatalogue);
  const pathname = usePathname();
  const links: ReadonlyArray<(typeof LINKS)[number] | (typeof ADMIN_LINKS)[number]> =
    role === "admin" ? [...LINKS, ...ADMIN_LINKS] : LINKS;
  const current = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const link = (item: (typeof links)[number], className: string) => (
    <Link
      key={item.href}
      href={item.href}
      aria-current={current(item.href) ? "page" : undefined}
      className={`${className} ${current(item.href) ? "font-semibold text-slate-900 underline decoration-2 underline-offset-4" : "text-slate-700 hover:text-slate-900 hover:underline"}`}
    >
      {t(item.label)}
    </Link>
  );
  const who = `${userName} (${role})`;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-3">
        <Link
          href="/admin"
          aria-current={pathname === "/admin" ? "page" : undefined}
          className="font-semibold whitespace-nowrap"
        >
          {t("appName")}
        </Link>
        <nav aria-label={t("mainNavigation")} className="hidden items-center gap-4 text-sm lg:flex">
          {links.map((item) => link(item, "whitespace-nowrap"))}
        </nav>
        <div className="hidden items-center gap-2 text-sm text-slate-600 2xl:flex">
          <Link href="/admin/compte" className="whitespace-nowrap hover:underline">
            {who}
          </Link>
          <LanguageSwitch />
          <SignOutButton />
        </div>
        <details className="relative 2xl:hidden">
          <summary className="cursor-pointer list-none rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300">
            {t("menu")}
          </summary>
          <div className="absolute right-0 z-10 mt-2 w-64 space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg">
            <nav aria-label={t("menu")} className="flex flex-col gap-2 lg:hidden">
              {links.map((item) => link(item, "block py-1"))}
            </nav>
            <div className="border-t border-slate-200 pt-2 text-slate-600 lg:border-t-0 lg:pt-0">
              <Link href="/admin/compte" className="mb-1 block hover:underline">
                {t("myAccount", { who })}
              </Link>
              <LanguageSwitch />
              <SignOutButton stacked />
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}
