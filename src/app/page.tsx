import { redirect } from "next/navigation";
import { getPageViewer } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";

/** Where sign-in lands by default: support and admins on the back-office, hosts on « Mes calendriers ». */
export default async function Home() {
  const viewer = await getPageViewer();
  if (!viewer) redirect("/login");
  redirect(BACK_OFFICE_ROLES.includes(viewer.role) ? "/admin" : "/hote/calendriers");
}
