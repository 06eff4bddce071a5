import { forbidden } from "next/navigation";

export const metadata = { title: "Accès refusé" };

// Where a page sends a signed-in user without the role: the French 403 page (app/forbidden.tsx), with status 403.
export default function AccessDeniedPage() {
  forbidden();
}
