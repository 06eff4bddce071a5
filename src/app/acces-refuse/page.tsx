import { forbidden } from "next/navigation";
import { pageTranslator } from "@/server/auth/page-locale";
import { shellCatalogue } from "@/i18n/catalogue/shell";

export async function generateMetadata() {
  return { title: (await pageTranslator(shellCatalogue))("forbiddenTitle") };
}

// Where a page sends a signed-in user without the role: the French 403 page (app/forbidden.tsx), with status 403.
export default function AccessDeniedPage() {
  forbidden();
}
