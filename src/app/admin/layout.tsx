import Link from "next/link";
import { getPageViewer } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const dynamic = "force-dynamic";

/**
 * The back-office frame. It is not the authorization check (Next renders a page without its layouts on
 * client navigations): each page checks the viewer itself, and the read services check it again. Without a
 * back-office viewer the frame shows nothing and lets the page redirect to where it must.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await getPageViewer();
  if (!user || !BACK_OFFICE_ROLES.includes(user.role)) return <>{children}</>;
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <nav aria-label="Navigation principale" className="flex items-center gap-4">
            <Link href="/admin" className="font-semibold">
              Back-office support
            </Link>
            <Link href="/admin/alerts/calendar-sync" className="text-sm text-slate-700 hover:text-slate-900 hover:underline">
              Alertes calendrier
            </Link>
            <Link href="/admin/conflits" className="text-sm text-slate-700 hover:text-slate-900 hover:underline">
              Doubles réservations
            </Link>
            <Link href="/admin/incidents" className="text-sm text-slate-700 hover:text-slate-900 hover:underline">
              Incidents
            </Link>
            {user.role === "admin" && (
              <Link href="/admin/notifications" className="text-sm text-slate-700 hover:text-slate-900 hover:underline">
                Notifications
              </Link>
            )}
          </nav>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <span>
              {user.name} ({user.role === "admin" ? "admin" : "support"})
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-6xl px-4 py-6">{children}</div>
    </div>
  );
}
