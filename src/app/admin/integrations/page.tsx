import { requirePageContext } from "@/server/auth/page-session";
import { requestTime } from "@/server/request-time";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { listApiKeys } from "@/server/services/api-keys/api-keys.service";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { NewApiKeyForm } from "@/components/admin/integrations/new-api-key-form";
import { RevokeApiKeyButton } from "@/components/admin/integrations/revoke-api-key-button";
import { API_KEY_SCOPE_LABELS } from "@/components/admin/integrations/api-key-labels";

export const metadata = { title: "Intégrations" };

export default async function IntegrationsPage() {
  const { ctx } = await requirePageContext(ADMIN_ROLES, "/admin/integrations");
  const [keys, now] = await Promise.all([listApiKeys(ctx), requestTime()]);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Intégrations" }]} />
      <h1 className="text-2xl font-semibold">Intégrations</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Une clé API permet à votre plateforme d&apos;appeler l&apos;API d&apos;intégration (<code>/api/v1</code>, décrite dans <code>/api/openapi.json</code>) avec
        l&apos;en-tête <code>Authorization: Bearer csa_…</code>. La clé n&apos;est affichée qu&apos;une fois, à sa création ; elle agit en son nom propre dans le
        journal, dans les limites de ses permissions.
      </p>
      <NewApiKeyForm />
      <section aria-labelledby="keys-title" className="space-y-2">
        <h2 id="keys-title" className="text-lg font-semibold">
          Clés
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">Aucune clé pour l&apos;instant.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {keys.map((key) => {
              const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= now;
              const state = key.revokedAt ? `Révoquée le ${formatDateTime(key.revokedAt)}` : expired ? `Expirée le ${formatDateTime(key.expiresAt)}` : "Active";
              return (
                <li key={key.id} data-testid="api-key" className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
                  <div className="space-y-1">
                    <p>
                      <span className="font-medium">{key.name}</span> <code className="text-slate-600">{key.prefix}</code> ·{" "}
                      <span data-testid="api-key-state">{state}</span>
                    </p>
                    <p className="text-slate-700">{key.scopes.map((scope) => API_KEY_SCOPE_LABELS[scope]).join(" · ")}</p>
                    <p className="text-slate-600">
                      Créée le {formatDateTime(key.createdAt)}
                      {key.createdBy ? ` par ${key.createdBy}` : " en ligne de commande"}
                      {key.expiresAt && !expired ? ` · expire le ${formatDateTime(key.expiresAt)}` : ""} ·{" "}
                      {key.lastUsedAt ? `dernière utilisation ${formatDateTime(key.lastUsedAt)}${key.lastUsedFrom ? ` depuis ${key.lastUsedFrom}` : ""}` : "jamais utilisée"}
                    </p>
                  </div>
                  {!key.revokedAt && <RevokeApiKeyButton keyId={key.id} name={key.name} />}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}
