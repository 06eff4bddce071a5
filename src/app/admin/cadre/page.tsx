import { notFound } from "next/navigation";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";

/**
 * The back-office frame alone, for `npm run bench:http`: the admin layout and the viewer check, nothing else. It is
 * the floor a back-office page cannot go below, so the dashboard is measured against it. Served only when the
 * server runs with BENCH_FRAME_PAGE=1; elsewhere a 404 after the same check.
 */
export default async function FramePage() {
  await requirePageContext(BACK_OFFICE_ROLES, "/admin/cadre");
  if (process.env.BENCH_FRAME_PAGE !== "1") notFound();
  return <main />;
}
