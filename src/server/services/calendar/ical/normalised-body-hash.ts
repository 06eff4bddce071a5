import { createHash } from "node:crypto";

// Properties that providers rewrite on every response (Airbnb and Booking.com stamp DTSTAMP with the time the
// export was generated; some exports do the same with LAST-MODIFIED). None of them is read by the import.
const PER_RESPONSE_PROPERTIES = new Set(["DTSTAMP", "LAST-MODIFIED"]);

/**
 * A hash of what the import reads: the body unfolded, line ends and leading blank space normalised, the
 * per-response stamps left out. Two downloads of an unchanged calendar get the same hash.
 */
export function normalisedBodyHash(body: string): string {
  const kept: string[] = [];
  const lines = body.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\n[ \t]/g, "").split("\n");
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    // Only names starting with D or L can be a stamp: the others skip the regular expression.
    const first = trimmed.charCodeAt(0) | 0x20;
    if ((first === 0x64 || first === 0x6c) && PER_RESPONSE_PROPERTIES.has(/^[^;:]*/.exec(trimmed)![0].toUpperCase())) continue;
    kept.push(trimmed);
  }
  // One update of the whole text (was one per line): the same bytes, each kept line followed by a line feed.
  return createHash("sha256")
    .update(kept.length > 0 ? `${kept.join("\n")}\n` : "")
    .digest("hex");
}
