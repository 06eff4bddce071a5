import { stringify } from "csv-stringify/sync";
import type { ServiceContext } from "../../service-context";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";
import { localeOf } from "../../actor";
import { csvCatalogue } from "../../../i18n/catalogue/csv";
import { INTL_TAGS, type Locale } from "../../../i18n/locales";
import { translator } from "../../../i18n/translator";
import { csvOptionsFor } from "./export-alerts-csv";
import { listAuditLog, type AuditEntryDTO, type ListAuditInput } from "./list-audit-log";

const day = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeZone: PLATFORM_TIME_ZONE });
const ACTOR_KINDS = { user: "actor.user", "api-key": "actor.api-key", system: "actor.system" } as const;

function columnsIn(locale: Locale): Array<[string, (entry: AuditEntryDTO) => string | number]> {
  const t = translator(csvCatalogue, locale);
  const dateTime = new Intl.DateTimeFormat(INTL_TAGS[locale], {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: PLATFORM_TIME_ZONE,
  });
  return [
    [t("date"), (entry) => dateTime.format(new Date(entry.at))],
    [t("who"), (entry) => entry.actor.name],
    [t("actorKind"), (entry) => t(ACTOR_KINDS[entry.actor.kind])],
    [t("action"), (entry) => entry.action],
    [t("object"), (entry) => entry.entity.type],
    [t("objectId"), (entry) => entry.entity.id],
    [t("details"), (entry) => JSON.stringify(entry.data)],
    [t("number"), (entry) => entry.id],
  ];
}

/** At most this many entries per file: past it, narrow the filters. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/**
 * The journal's entries matching the filters as CSV for French Excel (UTF-8 with BOM, « ; »), newest first, read page
 * by page (500 at a time) up to AUDIT_CSV_MAX_ROWS. Admins only, as the page.
 */
export async function exportAuditCsv(ctx: ServiceContext, filters: ListAuditInput): Promise<string> {
  const locale = localeOf(ctx.actor);
  const COLUMNS = columnsIn(locale);
  const { delimiter } = csvOptionsFor(locale);
  const chunks = [`\uFEFF${stringify([COLUMNS.map(([title]) => title)], { delimiter })}`];
  let cursor: string | undefined;
  let written = 0;
  do {
    const page = await listAuditLog(ctx, { ...filters, cursor, limit: 500 });
    chunks.push(
      stringify(
        page.data.map((entry) => COLUMNS.map(([, value]) => value(entry))),
        { delimiter },
      ),
    );
    written += page.data.length;
    cursor = page.meta.nextCursor ?? undefined;
  } while (cursor && written < AUDIT_CSV_MAX_ROWS);
  return chunks.join("");
}

export const auditFileName = (now: Date) => `journal-${day.format(now)}.csv`;
