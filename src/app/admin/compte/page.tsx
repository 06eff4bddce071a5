import { requirePageContext, TWO_FACTOR_PAGE } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { twoFactorStatus } from "@/server/services/users/users.service";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { TwoFactorSettings } from "@/components/admin/account/two-factor-settings";

export const metadata = { title: "Mon compte" };

/** « Mon compte » (support and admins): two-factor on, off, and its recovery codes. */
export default async function AccountPage() {
  const { viewer, ctx } = await requirePageContext(BACK_OFFICE_ROLES, TWO_FACTOR_PAGE);
  const status = await twoFactorStatus(ctx);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Mon compte" }]} />
      <h1 className="text-2xl font-semibold">Mon compte</h1>
      <p className="text-sm text-slate-700">
        {viewer.name} · {viewer.email}
      </p>
      {viewer.mustEnrolTwoFactor && (
        <p role="alert" className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          La double authentification est obligatoire pour les administrateurs : activez-la ici pour accéder au
          back-office.
        </p>
      )}
      <section aria-labelledby="two-factor-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="two-factor-title" className="text-lg font-semibold">
          Double authentification
        </h2>
        <TwoFactorSettings status={status} enabledLabel={status.enabledAt ? formatDateTime(status.enabledAt) : null} />
      </section>
    </main>
  );
}
