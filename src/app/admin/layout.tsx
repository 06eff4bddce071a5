import { getPageViewer } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { AdminHeader } from "@/components/admin/admin-header";

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
      <AdminHeader userName={user.name} role={user.role === "admin" ? "admin" : "support"} />
      <div className="mx-auto max-w-6xl px-4 py-6">{children}</div>
    </div>
  );
}
