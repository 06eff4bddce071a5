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

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { integrationsCatalogue } from "@/i18n/catalogue/integrations";

export async function generateMetadata() {
  return { title: (await pageTranslator(integrationsCatalogue))("title") };
}

const HOST_STATES = {
  active: "hostState.active",
  invited: "hostState.invited",
  none: "hostState.none",
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
  const locale = await getPageLocale();
  const t = await pageTranslator(integrationsCatalogue);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("title") }]} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        {t("intro", { base: "/api/v1", document: "/api/openapi.json", header: "Authorization: Bearer csa_…" })}
      </p>
      <NewApiKeyForm />
      <section aria-labelledby="keys-title" className="space-y-2">
        <h2 id="keys-title" className="text-lg font-semibold">
          {t("keys")}
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noKey")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {keys.map((key) => {
              const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= now;
              const state = key.revokedAt
                ? t("revokedOn", { when: formatDateTime(key.revokedAt, locale) })
                : expired
                  ? t("expiredOn", { when: formatDateTime(key.expiresAt, locale) })
                  : t("active");
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
                      {key.scopes.map((scope) => t(API_KEY_SCOPE_LABELS[scope])).join(" · ")}
                    </p>
                    <p className="text-slate-600">
                      {t("createdOn", { when: formatDateTime(key.createdAt, locale) })}
                      {key.createdBy ? t("createdBy", { name: key.createdBy }) : t("createdByCli")}
                      {key.expiresAt && !expired
                        ? t("expiresOn", { when: formatDateTime(key.expiresAt, locale) })
                        : ""}{" "}
                      ·{" "}
                      {key.lastUsedAt
                        ? key.lastUsedFrom
                          ? t("lastUsedFrom", { when: formatDateTime(key.lastUsedAt, locale), from: key.lastUsedFrom })
                          : t("lastUsed", { when: formatDateTime(key.lastUsedAt, locale) })
                        : t("neverUsed")}
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
          {t("hostsTitle")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("hostsIntro")}</p>
        <CleanGetForm className="flex flex-wrap items-end gap-2" action="/admin/integrations">
          <label className="text-sm">
            <span className="block font-medium">{t("searchHost")}</span>
            <input
              name="q"
              defaultValue={search}
              placeholder={t("searchPlaceholder")}
              className="mt-1 rounded border border-slate-300 bg-white px-3 py-1.5"
            />
          </label>
          <button
            type="submit"
            className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900"
          >
            {t("search")}
          </button>
        </CleanGetForm>
        {hosts.length === 0 ? (
          <p className="text-sm text-slate-600">{search ? t("noMatch") : t("noHost")}</p>
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
                    {t("hostListings", { count: host.listings })} · {t(HOST_STATES[host.state])}
                    {host.invitationExpiresAt
                      ? t("linkValidUntil", { until: formatDateTime(host.invitationExpiresAt, locale) })
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
