import { requirePageContext } from "@/server/auth/page-session";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { listTeam, type TeamMemberDTO } from "@/server/services/users/users.service";
import { companySignInLabel } from "@/server/auth/company-sign-in";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { InviteMemberForm } from "@/components/admin/team/invite-member-form";
import { MemberActions } from "@/components/admin/team/member-actions";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { teamCatalogue } from "@/i18n/catalogue/team";

export async function generateMetadata() {
  return { title: (await pageTranslator(teamCatalogue))("title") };
}

const ROLE_LABELS = { support: "role.support", admin: "role.admin" } as const satisfies Record<
  TeamMemberDTO["role"],
  string
>;
const STATE_LABELS = {
  active: "state.active",
  invited: "state.invited",
  disabled: "state.disabled",
} as const satisfies Record<TeamMemberDTO["state"], string>;
const STATE_STYLES: Record<TeamMemberDTO["state"], string> = {
  active: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  invited: "bg-blue-50 text-blue-900 ring-blue-300",
  disabled: "bg-slate-100 text-slate-800 ring-slate-300",
};

/** « Équipe » (admins): the support and admin accounts, invited, changed, disabled and re-enabled from here. */
export default async function TeamPage() {
  const { viewer, ctx } = await requirePageContext(ADMIN_ROLES, "/admin/equipe");
  const members = await listTeam(ctx);
  const locale = await getPageLocale();
  const t = await pageTranslator(teamCatalogue);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("title") }]} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <InviteMemberForm companySignIn={companySignInLabel()} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("colName")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("colRole")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("colState")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("colLastSignIn")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("colSessions")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("colActions")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => (
              <tr key={member.id} data-testid="team-member">
                <td className="px-3 py-2">
                  <span className="font-medium">{member.name}</span>
                  <span className="block text-slate-600">{member.email}</span>
                </td>
                <td className="px-3 py-2">
                  {t(ROLE_LABELS[member.role])}
                  {member.twoFactor && <span className="block text-xs text-slate-600">{t("twoFactor")}</span>}
                  {member.companyIdentity && (
                    <span className="block text-xs text-slate-600">{t("companyAccount")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${STATE_STYLES[member.state]}`}>
                    {t(STATE_LABELS[member.state])}
                  </span>
                  {member.state === "invited" && (
                    <span className="block text-xs text-slate-600">
                      {member.invitationExpiresAt
                        ? t("linkValidUntil", { until: formatDateTime(member.invitationExpiresAt, locale) })
                        : t("linkExpired")}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {member.lastSignInAt ? formatDateTime(member.lastSignInAt, locale) : t("never")}
                </td>
                <td className="px-3 py-2">{member.openSessions}</td>
                <td className="px-3 py-2">
                  <MemberActions member={member} self={member.id === viewer.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
