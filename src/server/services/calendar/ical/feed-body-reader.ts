import { parseIcal, type ParseOptions, type ParsedCalendar } from "./parse-ical";
import { normalisedBodyHash } from "./normalised-body-hash";

export interface ReadBody {
  bodyHash: string;
  /** Null when the body hashes to the hash already known: nothing to parse. */
  parsed: ParsedCalendar | null;
}

/** Hashes a downloaded body and, unless it is the one already imported, parses it. */
export interface FeedBodyReader {
  read(body: string, knownHash: string | null, options: ParseOptions): Promise<ReadBody>;
  close(): Promise<void>;
}

export function readBody(body: string, knownHash: string | null, options: ParseOptions): ReadBody {
  const bodyHash = normalisedBodyHash(body);
  return { bodyHash, parsed: bodyHash === knownHash ? null : parseIcal(body, options) };
}

/** On the calling thread: the app's manual syncs and the tests. The worker reads large bodies on its thread pool. */
export const inThreadReader: FeedBodyReader = {
  read: async (body, knownHash, options) => readBody(body, knownHash, options),
  close: async () => undefined,
};
