import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { authorizeViewer } from "../../actor";
import { USER_ROLES } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { LOCALES, type Locale } from "../../../i18n/locales";

export const AccountLocaleBody = z
  .object({ locale: z.enum(LOCALES, { error: "Langue inconnue : « fr » ou « en »." }) })
  .strict();

/** The signed-in person's language, for their pages and e-mails from their next request on. */
export async function setAccountLocale(ctx: ServiceContext, input: { locale: Locale }): Promise<{ locale: Locale }> {
  const viewer = authorizeViewer(ctx.actor, USER_ROLES);
  await ctx.db.update(users).set({ locale: input.locale }).where(eq(users.id, viewer.id));
  return { locale: input.locale };
}
