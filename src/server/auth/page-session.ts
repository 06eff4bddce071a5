import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { UserRole } from "../db/schema/users";
import { getAuthOptions } from "./options";
import type { SessionUser } from "./session";

/** For server pages: no session → login page (coming back here after), wrong role → the 403 page. */
export async function requirePageRole(roles: readonly UserRole[], callbackPath: string): Promise<SessionUser> {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!roles.includes(session.user.role)) redirect("/acces-refuse");
  return session.user;
}
