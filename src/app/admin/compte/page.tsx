import { requirePageContext, TWO_FACTOR_PAGE } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { twoFactorStatus } from "@/server/services/users/users.service";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { TwoFactorSettings } from "@/components/admin/account/two-factor-settings";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { teamCatalogue } from "@/i18n/catalogue/team";

export async function generateMetadata() {
  return { title: (await pageTranslator(teamCatalogue))("accountTitle") };
}

/** « Mon compte » (support and admins): two-factor on, off, and its recovery codes. */
export default async function AccountPage() {
  const { viewer, ctx } = await requirePageContext(BACK_OFFICE_ROLES, TWO_FACTOR_PAGE);
  const status = await twoFactorStatus(ctx);
  const locale = await getPageLocale();
  const t = await pageTranslator(teamCatalogue);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("accountTitle") }]} />
      <h1 className="text-2xl font-semibold">{t("accountTitle")}</h1>
      <p className="text-sm text-slate-700">
        {viewer.name} · {viewer.email}
      </p>
      {viewer.mustEnrolTwoFactor && (
        <p role="alert" className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {t("mustEnrol")}
        </p>
      )}
      <section aria-labelledby="two-factor-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="two-factor-title" className="text-lg font-semibold">
          {t("twoFactorTitle")}
        </h2>
        <TwoFactorSettings
          status={status}
          enabledLabel={status.enabledAt ? formatDateTime(status.enabledAt, locale) : null}
        />
      </section>
    </main>
  );
}
