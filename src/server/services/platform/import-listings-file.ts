import { parse } from "csv-parse/sync";
import { AppError } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import {
  checkFeedToAdd,
  listingHasFeedUrl,
  parseFeedToAdd,
  storeCheckedFeed,
  syncCheckedFeed,
  type CheckedFeedLink,
} from "../calendar/calendar.service";
import { authorizeIntegration } from "../../actor";
import { findListingByExternalId } from "./find-listing";
import { upsertListings } from "./upsert-listings";

export const FILE_COLUMNS = [
  "externalId",
  "title",
  "city",
  "timeZone",
  "hostExternalId",
  "hostEmail",
  "hostName",
] as const;
export const FEED_COLUMNS = ["feedProvider", "feedUrl"] as const;

export type LineOutcome = "créée" | "modifiée" | "inchangée" | "refusée";

export interface ImportedListing {
  externalId: string;
  /** The file's lines of this listing (1 is the header). */
  lines: number[];
  outcome: LineOutcome;
  feedsAdded: number;
  reason?: string;
}

export interface ImportReport {
  listings: ImportedListing[];
  summary: Record<LineOutcome, number>;
}

interface Row {
  line: number;
  values: Record<string, string>;
}

/** The file's delimiter: `;` (what French spreadsheets write) or `,`, whichever the header uses. */
function delimiterOf(text: string): ";" | "," {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

export class ImportFileError extends Error {}

/** The file's rows with their line numbers; a header without the required columns stops the import before anything is written. */
export function readListingsFile(text: string): Row[] {
  const records = parse(text.replace(/^\uFEFF/, ""), {
    delimiter: delimiterOf(text),
    columns: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    info: true,
  }) as Array<{
    record: Record<string, string>;
    info: { lines: number };
  }>;
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = FILE_COLUMNS.filter((column) => !header.includes(column));
  if (records.length > 0 && missing.length > 0)
    throw new ImportFileError(
      `Colonnes manquantes : ${missing.join(", ")}. Attendu : ${[...FILE_COLUMNS, ...FEED_COLUMNS].join(", ")}.`,
    );
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

const listingKey = (values: Record<string, string>) =>
  FILE_COLUMNS.map((column) => values[column] ?? "").join("\u0000");

const messageOf = (error: AppError) =>
  `${error.message}${Array.isArray(error.details) && error.details[0]?.path ? ` (${error.details[0].path})` : ""}`;

/**
 * `npm run listings:import`: each listing of the file (its lines grouped by externalId) with its host and feeds, in
 * one transaction, through the API's verbs. Every link is checked before anything of the listing is written; a
 * refused line refuses its listing and does not stop the others. A listing already as the file says, with its feeds,
 * is « inchangée » and costs no fetch. `dryRun` checks the lines (not the links) and writes nothing.
 */
export async function importListingsFile(
  ctx: ServiceContext,
  input: { text: string; dryRun?: boolean; onListing?: (done: ImportedListing, index: number, total: number) => void },
): Promise<ImportReport> {
  authorizeIntegration(ctx.actor, "listings:write");
  const rows = readListingsFile(input.text);
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row.values.externalId ?? "";
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  const report: ImportReport = { listings: [], summary: { créée: 0, modifiée: 0, inchangée: 0, refusée: 0 } };
  let index = 0;
  const record = (done: ImportedListing) => {
    report.listings.push(done);
    report.summary[done.outcome] += 1;
    input.onListing?.(done, ++index, groups.size);
  };
  // Listings without feeds go by blocks through the batch's verb (one read, a statement per 100); a listing with
  // feeds goes alone: its links are checked before anything of it is written.
  let block: Array<{ externalId: string; lines: number[]; item: ListingFileItem }> = [];
  const flush = async () => {
    if (block.length === 0) return;
    for (const done of await importBlock(ctx, block, input.dryRun ?? false)) record(done);
    block = [];
  };
  for (const [externalId, group] of groups) {
    const parsed = parseGroup(externalId, group);
    if ("refused" in parsed) {
      await flush();
      record(parsed.refused);
    } else if (parsed.feeds.length === 0) {
      block.push({ externalId, lines: parsed.lines, item: parsed.item });
      if (block.length >= BLOCK_SIZE) await flush();
    } else {
      await flush();
      record(await importListing(ctx, externalId, parsed, input.dryRun ?? false));
    }
  }
  await flush();
  return report;
}

const BLOCK_SIZE = 1_000;

type ListingFileItem = {
  externalId: string;
  title: string | undefined;
  city: string | undefined;
  timeZone: string;
  host: { externalId: string | undefined; email: string | undefined; name: string | undefined };
};

interface ParsedGroup {
  lines: number[];
  item: ListingFileItem;
  feeds: Array<{ line: number; provider: string; url: string }>;
}

const outcomeOf = (result: string): LineOutcome =>
  result === "created" ? "créée" : result === "updated" ? "modifiée" : result === "unchanged" ? "inchangée" : "refusée";

/** A listing's lines as one item and its feeds, or why they are refused (lines that disagree, a malformed feed). */
function parseGroup(externalId: string, group: Row[]): ParsedGroup | { refused: ImportedListing } {
  const lines = group.map((row) => row.line);
  const refuse = (reason: string, line = lines[0]) => ({
    refused: { externalId, lines, outcome: "refusée" as const, feedsAdded: 0, reason: `ligne ${line} : ${reason}` },
  });
  const first = group[0]!.values;
  const disagreeing = group.find((row) => listingKey(row.values) !== listingKey(first));
  if (disagreeing)
    return refuse(`l'annonce ${externalId} y est décrite autrement qu'à la ligne ${lines[0]}`, disagreeing.line);
  const item = {
    externalId,
    title: first.title,
    city: first.city,
    timeZone: first.timeZone || "Europe/Paris",
    host: { externalId: first.hostExternalId, email: first.hostEmail, name: first.hostName },
  };
  const feeds: ParsedGroup["feeds"] = [];
  for (const row of group) {
    const { feedProvider = "", feedUrl = "" } = row.values;
    if (!feedProvider && !feedUrl) continue;
    try {
      feeds.push({ line: row.line, ...parseFeedToAdd({ provider: feedProvider, url: feedUrl }) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return refuse(messageOf(error), row.line);
    }
  }
  return { lines, item, feeds };
}

/** Listings without feeds, through the batch's verb; a dry run in a transaction rolled back. */
async function importBlock(
  ctx: ServiceContext,
  block: Array<{ externalId: string; lines: number[]; item: ListingFileItem }>,
  dryRun: boolean,
): Promise<ImportedListing[]> {
  const run = (context: ServiceContext) =>
    upsertListings(
      context,
      block.map((entry) => entry.item),
    );
  const outcomes = dryRun
    ? await inTransaction(ctx, async (tx) => {
        throw new DryRun(await run(tx));
      }).catch((error: unknown) => {
        if (error instanceof DryRun) return error.outcomes;
        throw error;
      })
    : await run(ctx);
  return outcomes.map((outcome, index) => {
    const { externalId, lines } = block[index]!;
    return outcome.error
      ? { externalId, lines, outcome: "refusée", feedsAdded: 0, reason: `ligne ${lines[0]} : ${outcome.error.message}` }
      : { externalId, lines, outcome: outcomeOf(outcome.result), feedsAdded: 0 };
  });
}

/** A listing with feeds: every link checked first, then the listing, its host and its feeds in one transaction. */
async function importListing(
  ctx: ServiceContext,
  externalId: string,
  parsed: ParsedGroup,
  dryRun: boolean,
): Promise<ImportedListing> {
  const { lines, item, feeds } = parsed;
  const refuse = (reason: string, line = lines[0]): ImportedListing => ({
    externalId,
    lines,
    outcome: "refusée",
    feedsAdded: 0,
    reason: `ligne ${line} : ${reason}`,
  });
  try {
    if (dryRun) return (await importBlock(ctx, [{ externalId, lines, item }], true))[0]!;
    // Every link is checked before anything is written: a refused one refuses its listing whole.
    const existingId = await findListingByExternalId(ctx, externalId).then(
      (row) => row.id,
      () => null,
    );
    const toAdd: Array<{ line: number; provider: string; url: string; check: CheckedFeedLink }> = [];
    for (const feed of feeds) {
      if (existingId && (await listingHasFeedUrl(ctx, { listingId: existingId, url: feed.url }))) continue;
      try {
        toAdd.push({ ...feed, check: await checkFeedToAdd(ctx, { url: feed.url, ownerId: "" }) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return refuse(messageOf(error), feed.line);
      }
    }
    const written = await inTransaction(ctx, async (tx) => {
      const [result] = await upsertListings(tx, [item]);
      if (result!.error) throw new Refused(result!.error.message, lines[0]!);
      const stored: Array<{ feedId: string; check: CheckedFeedLink }> = [];
      for (const feed of toAdd) {
        try {
          stored.push({
            feedId: await storeCheckedFeed(tx, { listingId: result!.id!, provider: feed.provider, url: feed.url }),
            check: feed.check,
          });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          throw new Refused(messageOf(error), feed.line);
        }
      }
      return { result: result!.result, stored };
    });
    for (const feed of written.stored) await syncCheckedFeed(ctx, feed);
    const outcome: LineOutcome =
      written.result === "created"
        ? "créée"
        : written.result === "updated" || written.stored.length > 0
          ? "modifiée"
          : "inchangée";
    return { externalId, lines, outcome, feedsAdded: written.stored.length };
  } catch (error) {
    if (error instanceof Refused) return refuse(error.message, error.line);
    // Only what the domain refuses is a refused line: a database that stops answering stops the import, with its cause.
    if (!(error instanceof AppError)) throw error;
    return refuse(messageOf(error));
  }
}

class DryRun extends Error {
  constructor(readonly outcomes: Awaited<ReturnType<typeof upsertListings>>) {
    super("dry run");
  }
}

class Refused extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}
