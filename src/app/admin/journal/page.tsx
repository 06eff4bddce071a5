import Link from "next/link";
import { requirePageContext } from "@/server/auth/page-session";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { ValidationError } from "@/server/errors";
import {
  ListAuditInput,
  listAuditActions,
  listAuditLog,
  type AuditEntryDTO,
} from "@/server/services/read-models/read-models.service";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { CleanGetForm } from "@/components/admin/clean-get-form";
import { formatDateTime } from "@/components/admin/format";
import { listSupportAgents } from "@/server/services/users/users.service";
import { listApiKeys } from "@/server/services/api-keys/api-keys.service";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { journalCatalogue } from "@/i18n/catalogue/journal";

export async function generateMetadata() {
  return { title: (await pageTranslator(journalCatalogue))("title") };
}

const FILTERS = ["actor", "action", "entityType", "entityId", "from", "to", "cursor"] as const;

function readFilters(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params[name];
    if (typeof value === "string" && value.trim() !== "") filters[name] = value.slice(0, 200);
  }
  return filters;
}

const details = (entry: AuditEntryDTO) => {
  const text = JSON.stringify(entry.data);
  return text === "{}" ? "" : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** « Journal » (admins): the audit log, newest first, filtered by who, what, which object and which days. */
export default async function JournalPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requirePageContext(ADMIN_ROLES, "/admin/journal");
  const filters = readFilters(await searchParams);
  const parsed = ListAuditInput.safeParse(filters);
  const locale = await getPageLocale();
  const t = await pageTranslator(journalCatalogue);
  let error: string | null = parsed.success ? null : t("invalidFilters");
  let page: Awaited<ReturnType<typeof listAuditLog>> = { data: [], meta: { nextCursor: null, limit: 50 } };
  if (parsed.success) {
    try {
      page = await listAuditLog(ctx, parsed.data);
    } catch (caught) {
      if (!(caught instanceof ValidationError)) throw caught;
      error = caught.message;
    }
  }
  const [actions, agents, keys] = await Promise.all([listAuditActions(ctx), listSupportAgents(ctx), listApiKeys(ctx)]);
  const { cursor: _cursor, ...withoutCursor } = filters;
  const query = new URLSearchParams(withoutCursor).toString();
  const next = page.meta.nextCursor
    ? `?${new URLSearchParams({ ...withoutCursor, cursor: page.meta.nextCursor })}`
    : null;
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("title") }]} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <CleanGetForm action="/admin/journal" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          {t("who")}
          <select name="actor" defaultValue={filters.actor ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("everyone")}</option>
            <option value="system">{t("system")}</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
            {keys.map((key) => (
              <option key={key.id} value={`key:${key.id}`}>
                {t("apiKey", { name: key.name })}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("action")}
          <select
            name="action"
            defaultValue={filters.action ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">{t("all")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("entityType")}
          <input
            name="entityType"
            defaultValue={filters.entityType ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t("entityId")}
          <input
            name="entityId"
            defaultValue={filters.entityId ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t("from")}
          <input
            type="date"
            name="from"
            defaultValue={filters.from ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t("to")}
          <input
            type="date"
            name="to"
            defaultValue={filters.to ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
          {t("filter")}
        </button>
        <a
          href={`/api/admin/audit-log/export${query ? `?${query}` : ""}`}
          className="rounded px-3 py-1.5 font-medium text-blue-800 underline"
        >
          {t("exportCsv")}
        </a>
      </CleanGetForm>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-900">
          {error}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("colWhen")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colWho")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colAction")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colObject")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("colDetails")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.data.map((entry) => (
              <tr key={entry.id} data-testid="audit-entry">
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(entry.at, locale)}</td>
                <td className="px-3 py-2">{entry.actor.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                <td className="px-3 py-2">
                  {entry.entity.href ? (
                    <Link href={entry.entity.href} className="text-blue-800 underline">
                      {entry.entity.type} {entry.entity.id}
                    </Link>
                  ) : (
                    `${entry.entity.type} ${entry.entity.id}`
                  )}
                </td>
                <td translate="no" className="px-3 py-2 font-mono text-xs break-all text-slate-700">
                  {details(entry)}
                </td>
              </tr>
            ))}
            {page.data.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-600">
                  {t("noEntry")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {next && (
        <p>
          <Link href={`/admin/journal${next}`} className="text-blue-800 underline">
            {t("older")}
          </Link>
        </p>
      )}
    </main>
  );
}
