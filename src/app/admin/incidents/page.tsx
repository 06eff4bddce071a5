import Link from "next/link";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { listIncidents, listProviderHoldsFor } from "@/server/services/read-models/read-models.service";
import { ClearHoldButton } from "@/components/admin/clear-hold-button";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { formatMessage } from "@/server/shared/messages";

export const metadata = { title: "Incidents fournisseur" };

const count = new Intl.NumberFormat("fr-FR");

export default async function IncidentsPage() {
  const { viewer, ctx } = await requirePageContext(BACK_OFFICE_ROLES, "/admin/incidents");
  const { data: incidents } = await listIncidents(ctx, { status: "all", limit: 100 });
  const holds = await listProviderHoldsFor(ctx);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Incidents fournisseur" }]} />
      <h1 className="text-2xl font-semibold">Incidents fournisseur</h1>
      <p className="text-sm text-slate-700">
        Un incident s&apos;ouvre quand un fournisseur fait échouer beaucoup de calendriers à la fois : ses
        téléchargements sont suspendus, un test régulier vérifie son retour, et les escalades de ses annonces attendent
        la fin de l&apos;incident.
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Incidents fournisseur, en cours puis historique</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                Fournisseur
              </th>
              <th scope="col" className="px-3 py-2">
                Statut
              </th>
              <th scope="col" className="px-3 py-2">
                Ouvert le
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Calendriers en échec
              </th>
              <th scope="col" className="px-3 py-2">
                Fin
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {incidents.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-8 text-center text-slate-600">
                  Aucun incident fournisseur.
                </td>
              </tr>
            )}
            {incidents.map((incident) => (
              <tr key={incident.id} data-testid="incident-row">
                <td className="px-3 py-2">
                  <Link
                    href={`/admin/incidents/${incident.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {incident.provider}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {incident.status === "open" ? (
                    <span
                      data-testid="incident-state"
                      className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-red-800 ring-1 ring-red-300"
                    >
                      En cours
                    </span>
                  ) : (
                    <span
                      data-testid="incident-state"
                      className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-emerald-800 ring-1 ring-emerald-300"
                    >
                      Résolu
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(incident.openedAt)}</td>
                <td className="px-3 py-2 text-right">
                  {count.format(
                    incident.status === "open" ? incident.now.feedsFailing : incident.atOpening.feedsFailing,
                  )}
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {incident.status === "open"
                    ? "—"
                    : `${incident.resolution === "manual" ? `Clos par ${incident.resolvedBy?.name ?? "?"}` : "Fournisseur rétabli"}, ${formatDateTime(incident.resolvedAt)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="holds-title" className="space-y-2">
        <h2 id="holds-title" className="text-lg font-semibold">
          Attentes demandées par les fournisseurs
        </h2>
        <p className="text-sm text-slate-700">
          Un fournisseur qui répond « réessayez plus tard » (429 ou 503 avec Retry-After, cru une heure au plus) fait
          attendre les calendriers du même hôte chez lui ; tout le fournisseur attend seulement quand plusieurs hôtes
          ont reçu cette réponse.
        </p>
        {holds.length === 0 ? (
          <p className="text-sm text-slate-600">Aucune attente en cours.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {holds.map((hold) => (
              <li
                key={hold.provider}
                data-testid="provider-hold"
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
              >
                <span>
                  <strong>{hold.provider}</strong> : {formatMessage("hostsWaiting", { count: hold.owners })}{" "}
                  jusqu&apos;au {formatDateTime(hold.until)}
                  {hold.providerWide
                    ? ` — tout le fournisseur attend jusqu'au ${formatDateTime(hold.providerWideUntil)}`
                    : ""}
                </span>
                {viewer.role === "admin" && <ClearHoldButton provider={hold.provider} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
