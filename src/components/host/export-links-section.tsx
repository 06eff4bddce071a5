import type { ExportLinkDTO } from "@/server/services/exports/exports.service";
import { formatDateTime, formatRelative } from "@/components/admin/format";
import { ExportLinkActions } from "./export-link-actions";

const STATE_STYLES: Record<ExportLinkDTO["state"], string> = {
  read: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  stale: "bg-red-100 text-red-800 ring-red-300",
  "never-read": "bg-amber-100 text-amber-900 ring-amber-300",
  waiting: "bg-slate-100 text-slate-800 ring-slate-300",
};

/** « lu il y a 2 h, par Airbnb », « plus lu depuis… », « jamais lu », « en attente de première lecture ». */
export function exportLinkStateInWords(link: ExportLinkDTO, now = Date.now()): string {
  const read = link.lastReadAt ? `${formatRelative(link.lastReadAt, now)}, par ${link.lastReaderLabel}` : null;
  switch (link.state) {
    case "read":
      return `Lu ${read}`;
    case "stale":
      return `Plus lu depuis ${formatDateTime(link.lastReadAt)} (dernière lecture par ${link.lastReaderLabel})`;
    case "never-read":
      return "Jamais lu";
    case "waiting":
      return "Pas encore lu";
  }
}

/** « Liens d'export » of one listing: for each destination the link, its copy and regenerate buttons, its last read. */
export function ExportLinksSection({ listingId, links }: { listingId: string; links: ExportLinkDTO[] }) {
  return (
    <details
      className="mt-3 border-t border-slate-200 pt-3 text-sm"
      open={links.some((link) => link.state === "stale")}
      data-testid="export-links"
    >
      <summary className="cursor-pointer">
        <span className="font-medium text-blue-800 underline">Liens d&apos;export</span>{" "}
        <span className="text-slate-700">
          ({links.filter((link) => link.state === "read").length} lu
          {links.filter((link) => link.state === "read").length > 1 ? "s" : ""} sur {links.length}
          {links.some((link) => link.state === "stale") ? ", dont un n'est plus lu" : ""})
        </span>
      </summary>
      <p className="mt-2 text-slate-700">
        Collez chaque lien dans la plateforme correspondante (« Importer un calendrier ») : elle bloquera les nuits
        réservées ailleurs. Chaque lien ne renvoie que des dates, jamais le nom de vos voyageurs.
      </p>
      <ul className="mt-2 divide-y divide-slate-100">
        {links.map((link) => (
          <li key={link.id} data-testid="export-link" className="space-y-2 py-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{link.destinationLabel}</span>
              <span
                data-testid="export-link-state"
                className={`rounded px-2 py-0.5 text-xs font-semibold ring-1 ${STATE_STYLES[link.state]}`}
              >
                {exportLinkStateInWords(link)}
              </span>
            </div>
            <ExportLinkActions
              listingId={listingId}
              linkId={link.id}
              url={link.url}
              destinationLabel={link.destinationLabel}
            />
            {link.previousLinkValidUntil && (
              <p className="text-slate-700">
                L&apos;ancien lien fonctionne encore jusqu&apos;au {formatDateTime(link.previousLinkValidUntil)}.
              </p>
            )}
            {link.state === "stale" && (
              <p className="rounded bg-red-50 p-3 text-red-900">
                {link.destinationLabel} ne lit plus ce lien : les nuits réservées ailleurs restent ouvertes chez elle.
                Vérifiez qu&apos;il est toujours collé dans ses réglages de calendrier.
              </p>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
