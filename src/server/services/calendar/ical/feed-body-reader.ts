import { parseIcal, type ParseOptions, type ParsedBlock } from "./parse-ical";
import { normalisedBodyHash } from "./normalised-body-hash";

/**
 * A parsed calendar as the database takes it: its blocks as one JSON array of rows (uid, starts_at, ends_at, all_day,
 * summary). Made where the parse ran: a large feed's thousands of blocks then cross from its thread as one string,
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

export function blocksToJson(blocks: ParsedBlock[]): string {
  return JSON.stringify(blocks.map((block) => ({ uid: block.uid, starts_at: block.startsAt, ends_at: block.endsAt, all_day: block.allDay, summary: block.summary })));
}

/** Hashes a downloaded body and, unless it is the one already imported, parses it. */
export interface FeedBodyReader {
  read(body: string, knownHash: string | null, options: ParseOptions): Promise<ReadBody>;
  close(): Promise<void>;
}

export function readBody(body: string, knownHash: string | null, options: ParseOptions): ReadBody {
  const bodyHash = normalisedBodyHash(body);
  if (bodyHash === knownHash) return { bodyHash, parsed: null };
  const { blocks, skipped } = parseIcal(body, options);
  return { bodyHash, parsed: { blockCount: blocks.length, blocksJson: blocksToJson(blocks), skipped } };
}

/** On the calling thread: the app's manual syncs and the tests. The worker reads large bodies on its thread pool. */
export const inThreadReader: FeedBodyReader = {
  read: async (body, knownHash, options) => readBody(body, knownHash, options),
  close: async () => undefined,
};
