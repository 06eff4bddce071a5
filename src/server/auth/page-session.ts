import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { UserRole } from "../db/schema/users";
import { getAuthOptions } from "./options";
import { cachedSession, viewerOfSession } from "./session";
import type { Viewer } from "./viewer";
import { contextFor, type ServiceContext } from "../service-context";

/**
 * The viewer of a server page or server action, or null without a valid session. Read once per request: the
 * layout and the page both ask (each must, a layout does not run on client navigations), and React's request
 * cache gives the page the row the layout read a moment before.
 */
export const getPageViewer = cache(async (): Promise<Viewer | null> => {
  const jar = Object.fromEntries((await cookies()).getAll().map((cookie) => [cookie.name, cookie.value]));
  return viewerOfSession(await cachedSession(jar, () => getServerSession(getAuthOptions())));
});

/** « Mon compte », where two-factor is enrolled: the one page open to an admin who must enrol first. */
export const TWO_FACTOR_PAGE = "/admin/compte";

/**
 * For server pages: no session → the login page, coming back to `returnTo` (the page asked for, with its
 * query) after; wrong role → the 403 page. Each page calls it itself: a layout's check does not run on
 * client navigations.
 */
export async function requirePageRole(roles: readonly UserRole[], returnTo: string): Promise<Viewer> {
  const viewer = await getPageViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(viewer.role)) redirect("/acces-refuse");
  if (viewer.mustEnrolTwoFactor && returnTo !== TWO_FACTOR_PAGE) redirect(TWO_FACTOR_PAGE);
  return viewer;
}

/** requirePageRole, and the context the page's service calls take: the database, acting as the viewer. */
export async function requirePageContext(
  roles: readonly UserRole[],
  returnTo: string,
): Promise<{ viewer: Viewer; ctx: ServiceContext }> {
  const viewer = await requirePageRole(roles, returnTo);
  return { viewer, ctx: await contextFor(viewer) };
}
