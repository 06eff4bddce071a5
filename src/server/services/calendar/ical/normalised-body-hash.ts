import { createHash } from "node:crypto";

// Properties that providers rewrite on every response (Airbnb and Booking.com stamp DTSTAMP with the time the
// export was generated; some exports do the same with LAST-MODIFIED). None of them is read by the import.
const PER_RESPONSE_PROPERTIES = new Set(["DTSTAMP", "LAST-MODIFIED"]);

/**
 * A hash of what the import reads: the body unfolded, line ends and leading blank space normalised, the
 * per-response stamps left out. Two downloads of an unchanged calendar get the same hash.
 */
export function normalisedBodyHash(body: string): string {
  const hash = createHash("sha256");
  const lines = body.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\n[ \t]/g, "").split("\n");
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const name = /^[^;:]*/.exec(trimmed)![0].toUpperCase();
    if (PER_RESPONSE_PROPERTIES.has(name)) continue;
    hash.update(trimmed).update("\n");
  }
  return hash.digest("hex");
}
