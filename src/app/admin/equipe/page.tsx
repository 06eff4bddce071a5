import { requirePageContext } from "@/server/auth/page-session";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { listTeam, type TeamMemberDTO } from "@/server/services/users/users.service";
import { companySignInLabel } from "@/server/auth/company-sign-in";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { InviteMemberForm } from "@/components/admin/team/invite-member-form";
import { MemberActions } from "@/components/admin/team/member-actions";

export const metadata = { title: "Équipe" };

const ROLE_LABELS: Record<TeamMemberDTO["role"], string> = { support: "Support", admin: "Administrateur" };
const STATE_LABELS: Record<TeamMemberDTO["state"], string> = {
  active: "Actif",
  invited: "Invité",
  disabled: "Désactivé",
};
const STATE_STYLES: Record<TeamMemberDTO["state"], string> = {
  active: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  invited: "bg-blue-50 text-blue-900 ring-blue-300",
  disabled: "bg-slate-100 text-slate-800 ring-slate-300",
};

/** « Équipe » (admins): the support and admin accounts, invited, changed, disabled and re-enabled from here. */
export default async function TeamPage() {
  const { viewer, ctx } = await requirePageContext(ADMIN_ROLES, "/admin/equipe");
  const members = await listTeam(ctx);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Équipe" }]} />
      <h1 className="text-2xl font-semibold">Équipe</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Les comptes du support et des administrateurs. Désactiver un compte met fin à ses sessions sur-le-champ et remet
        ses alertes ouvertes dans « Non assignées ». Un administrateur ne peut ni se désactiver ni retirer son propre
        rôle, et il reste toujours au moins un administrateur actif. Chaque changement est écrit au Journal.
      </p>
      <InviteMemberForm companySignIn={companySignInLabel()} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Membres de l&apos;équipe</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Nom
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Rôle
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                État
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Dernière connexion
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Sessions ouvertes
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Actions
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
                  {ROLE_LABELS[member.role]}
                  {member.twoFactor && <span className="block text-xs text-slate-600">double authentification</span>}
                  {member.companyIdentity && (
                    <span className="block text-xs text-slate-600">compte d&apos;entreprise</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${STATE_STYLES[member.state]}`}>
                    {STATE_LABELS[member.state]}
                  </span>
                  {member.state === "invited" && (
                    <span className="block text-xs text-slate-600">
                      {member.invitationExpiresAt
                        ? `lien valable jusqu'au ${formatDateTime(member.invitationExpiresAt)}`
                        : "lien expiré"}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">{member.lastSignInAt ? formatDateTime(member.lastSignInAt) : "jamais"}</td>
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
