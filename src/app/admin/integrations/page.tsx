import { requirePageContext } from "@/server/auth/page-session";
import { requestTime } from "@/server/request-time";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { listApiKeys } from "@/server/services/api-keys/api-keys.service";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { NewApiKeyForm } from "@/components/admin/integrations/new-api-key-form";
import { RevokeApiKeyButton } from "@/components/admin/integrations/revoke-api-key-button";
import { API_KEY_SCOPE_LABELS } from "@/components/admin/integrations/api-key-labels";
import { InviteButton } from "@/components/admin/integrations/invite-button";
import { CleanGetForm } from "@/components/admin/clean-get-form";
import { listPlatformHosts } from "@/server/services/read-models/read-models.service";

export const metadata = { title: "Intégrations" };

const HOST_STATES = {
  active: "Mot de passe choisi",
  invited: "Invitation envoyée",
  none: "Pas encore invité",
} as const;

export default async function IntegrationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requirePageContext(ADMIN_ROLES, "/admin/integrations");
  const q = (await searchParams).q;
  const search = typeof q === "string" ? q.slice(0, 200) : "";
  const [keys, hosts, now] = await Promise.all([
    listApiKeys(ctx),
    listPlatformHosts(ctx, { q: search || undefined }),
    requestTime(),
  ]);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Intégrations" }]} />
      <h1 className="text-2xl font-semibold">Intégrations</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Une clé API permet à votre plateforme d&apos;appeler l&apos;API d&apos;intégration (<code>/api/v1</code>,
        décrite dans <code>/api/openapi.json</code>) avec l&apos;en-tête <code>Authorization: Bearer csa_…</code>. La
        clé n&apos;est affichée qu&apos;une fois, à sa création ; elle agit en son nom propre dans le journal, dans les
        limites de ses permissions.
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
              const state = key.revokedAt
                ? `Révoquée le ${formatDateTime(key.revokedAt)}`
                : expired
                  ? `Expirée le ${formatDateTime(key.expiresAt)}`
                  : "Active";
              return (
                <li
                  key={key.id}
                  data-testid="api-key"
                  className="flex flex-wrap items-start justify-between gap-3 px-4 py-3"
                >
                  <div className="space-y-1">
                    <p>
                      <span className="font-medium">{key.name}</span>{" "}
                      <code className="text-slate-600">{key.prefix}</code> ·{" "}
                      <span data-testid="api-key-state">{state}</span>
                    </p>
                    <p className="text-slate-700">
                      {key.scopes.map((scope) => API_KEY_SCOPE_LABELS[scope]).join(" · ")}
                    </p>
                    <p className="text-slate-600">
                      Créée le {formatDateTime(key.createdAt)}
                      {key.createdBy ? ` par ${key.createdBy}` : " en ligne de commande"}
                      {key.expiresAt && !expired ? ` · expire le ${formatDateTime(key.expiresAt)}` : ""} ·{" "}
                      {key.lastUsedAt
                        ? `dernière utilisation ${formatDateTime(key.lastUsedAt)}${key.lastUsedFrom ? ` depuis ${key.lastUsedFrom}` : ""}`
                        : "jamais utilisée"}
                    </p>
                  </div>
                  {!key.revokedAt && <RevokeApiKeyButton keyId={key.id} name={key.name} />}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="hosts-title" className="space-y-2">
        <h2 id="hosts-title" className="text-lg font-semibold">
          Hôtes de la plateforme
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Les hôtes envoyés par la plateforme n&apos;ont pas de mot de passe : « Inviter » leur envoie un lien à usage
          unique pour en choisir un, puis voir « Mes calendriers ». Ceux qui n&apos;en ont pas encore viennent en
          premier.
        </p>
        <CleanGetForm className="flex flex-wrap items-end gap-2" action="/admin/integrations">
          <label className="text-sm">
            <span className="block font-medium">Rechercher un hôte</span>
            <input
              name="q"
              defaultValue={search}
              placeholder="Nom, e-mail ou identifiant"
              className="mt-1 rounded border border-slate-300 bg-white px-3 py-1.5"
            />
          </label>
          <button
            type="submit"
            className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900"
          >
            Rechercher
          </button>
        </CleanGetForm>
        {hosts.length === 0 ? (
          <p className="text-sm text-slate-600">
            {search ? "Aucun hôte ne correspond." : "Aucun hôte envoyé par la plateforme pour l'instant."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {hosts.map((host) => (
              <li
                key={host.id}
                data-testid="platform-host"
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
              >
                <div>
                  <p>
                    <span className="font-medium">{host.name}</span> · {host.email} ·{" "}
                    <code className="text-slate-600">{host.externalId}</code>
                  </p>
                  <p className="text-slate-600">
                    {host.listings} annonce{host.listings > 1 ? "s" : ""} · {HOST_STATES[host.state]}
                    {host.invitationExpiresAt
                      ? ` (lien valable jusqu'au ${formatDateTime(host.invitationExpiresAt)})`
                      : ""}
                  </p>
                </div>
                {host.state !== "active" && (
                  <InviteButton userId={host.id} name={host.name} again={host.state === "invited"} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
