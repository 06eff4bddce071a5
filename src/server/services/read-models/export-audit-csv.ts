import { stringify } from "csv-stringify/sync";
import type { ServiceContext } from "../../service-context";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";
import { listAuditLog, type AuditEntryDTO, type ListAuditInput } from "./list-audit-log";

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "medium",
  timeZone: PLATFORM_TIME_ZONE,
});
const day = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeZone: PLATFORM_TIME_ZONE });

const COLUMNS: Array<[string, (entry: AuditEntryDTO) => string | number]> = [
  ["Date", (entry) => dateTime.format(new Date(entry.at))],
  ["Qui", (entry) => entry.actor.name],
  ["Type d'auteur", (entry) => ({ user: "utilisateur", "api-key": "clé API", system: "système" })[entry.actor.kind]],
  ["Action", (entry) => entry.action],
  ["Objet", (entry) => entry.entity.type],
  ["Identifiant de l'objet", (entry) => entry.entity.id],
  ["Détails", (entry) => JSON.stringify(entry.data)],
  ["N°", (entry) => entry.id],
];

/** At most this many entries per file: past it, narrow the filters. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/**
 * The journal's entries matching the filters as CSV for French Excel (UTF-8 with BOM, « ; »), newest first, read page
 * by page (500 at a time) up to AUDIT_CSV_MAX_ROWS. Admins only, as the page.
 */
export async function exportAuditCsv(ctx: ServiceContext, filters: ListAuditInput): Promise<string> {
  const chunks = [`\uFEFF${stringify([COLUMNS.map(([title]) => title)], { delimiter: ";" })}`];
  let cursor: string | undefined;
  let written = 0;
  do {
    const page = await listAuditLog(ctx, { ...filters, cursor, limit: 500 });
    chunks.push(
      stringify(
        page.data.map((entry) => COLUMNS.map(([, value]) => value(entry))),
        { delimiter: ";" },
      ),
    );
    written += page.data.length;
    cursor = page.meta.nextCursor ?? undefined;
  } while (cursor && written < AUDIT_CSV_MAX_ROWS);
  return chunks.join("");
}

export const auditFileName = (now: Date) => `journal-${day.format(now)}.csv`;
