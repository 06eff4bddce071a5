import { parseUnfoldedIcal, type ParseOptions, type ParsedBlock } from "./parse-ical";
import { hashUnfoldedLines } from "./normalised-body-hash";
import { unfoldLines } from "./unfold-lines";

/**
 * A parsed calendar as the database takes it: its blocks as one JSON array of rows (uid, starts_ms, ends_ms, all_day,
 * summary, kind). Made where the parse ran: a large feed's thousands of blocks then cross from its thread as one string,
 * and the event loop never builds, copies or serialises them one by one.
 */
export interface ReadCalendar {
  blockCount: number;
  blocksJson: string;
  skipped: number;
}

export interface ReadBody {
  bodyHash: string;
  /** Null when the body hashes to the hash already known: nothing to parse. */
  parsed: ReadCalendar | null;
}

/**
 * Times travel as epoch milliseconds (the SQL turns them back into timestamptz): Date's toISOString made the
 * serialisation six times slower, a twentieth of the worker's thread on first imports.
 */
export function blocksToJson(blocks: ParsedBlock[]): string {
  let rows = "";
  for (const block of blocks) {
    const summary = block.summary === null ? "null" : JSON.stringify(block.summary);
    rows += `,{"uid":${JSON.stringify(block.uid)},"starts_ms":${block.startsAt.getTime()},"ends_ms":${block.endsAt.getTime()},"all_day":${block.allDay},"summary":${summary},"kind":"${block.kind}"}`;
  }
  return `[${rows.slice(1)}]`;
}

/** The SQL that reads blocksToJson's rows: json_to_recordset(...) as k${BLOCK_ROW_TYPE}, selecting BLOCK_VALUES_FROM_K. */
export const BLOCK_ROW_TYPE = "(uid text, starts_ms bigint, ends_ms bigint, all_day boolean, summary text, kind text)";
export const BLOCK_VALUES_FROM_K =
  "k.uid, to_timestamp(k.starts_ms / 1000.0), to_timestamp(k.ends_ms / 1000.0), k.all_day, k.summary, coalesce(k.kind, 'unknown')::stay_kind";
/** The columns BLOCK_VALUES_FROM_K fills, after feed_id and listing_id. */
export const BLOCK_COLUMNS = "uid, starts_at, ends_at, all_day, summary, kind";

/** Hashes a downloaded body and, unless it is the one already imported, parses it. */
export interface FeedBodyReader {
  read(body: string, knownHash: string | null, options: ParseOptions): Promise<ReadBody>;
  close(): Promise<void>;
}

export function readBody(body: string, knownHash: string | null, options: ParseOptions): ReadBody {
  // Unfolded once: the hash and the parse read the same lines (hashing the body on its own was a second pass).
  const lines = unfoldLines(body);
  const bodyHash = hashUnfoldedLines(lines);
  if (bodyHash === knownHash) return { bodyHash, parsed: null };
  const { blocks, skipped } = parseUnfoldedIcal(lines, body, options);
  return { bodyHash, parsed: { blockCount: blocks.length, blocksJson: blocksToJson(blocks), skipped } };
}

/** On the calling thread: the app's manual syncs and the tests. The worker reads large bodies on its thread pool. */
export const inThreadReader: FeedBodyReader = {
  read: async (body, knownHash, options) => readBody(body, knownHash, options),
  close: async () => undefined,
};
