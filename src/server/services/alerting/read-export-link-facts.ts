import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";
import type { HostNoticeFacts } from "../events/events.service";

const linkFactsStatement = preparedStatement(
  "export_link_notice_facts_v2",
  `select li.title as "listingTitle", u.name as "hostName", u.email as "hostEmail", u.locale as "hostLocale", l.destination,
     l.token_ciphertext as "tokenCiphertext", l.last_read_at as "lastReadAt"
   from export_links l join listings li on li.id = l.listing_id join users u on u.id = li.owner_id
   where l.id = $1::text`,
);

/** What the host's notice about an export link no longer read says, and to whom. Null if the link is gone. */
export async function readExportNoticeFacts(
  ctx: ServiceContext,
  input: { linkId: string; destinationLabel: string; providerKey: string },
): Promise<HostNoticeFacts | null> {
  const [row] = await runPrepared<{
    listingTitle: string;
    hostName: string;
    hostEmail: string;
    hostLocale: "fr" | "en";
    destination: string;
    tokenCiphertext: string;
    lastReadAt: Date | string | null;
  }>(ctx.db, linkFactsStatement, [input.linkId]);
  if (!row || row.lastReadAt === null) return null;
  return {
    hostName: row.hostName,
    hostEmail: row.hostEmail,
    hostLocale: row.hostLocale,
    listingTitle: row.listingTitle,
    providerKey: input.providerKey,
    feedLabel: `lien d'export ${input.destinationLabel}`,
    errorType: "EXPORT_NOT_READ",
    everRead: true,
    exportLink: {
      destination: row.destination,
      tokenCiphertext: row.tokenCiphertext,
      lastReadAt: new Date(row.lastReadAt).toISOString(),
    },
  };
}
