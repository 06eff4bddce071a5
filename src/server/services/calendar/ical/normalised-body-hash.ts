import { createHash } from "node:crypto";

// Properties that providers rewrite on every response (Airbnb and Booking.com stamp DTSTAMP with the time the
// export was generated; some exports do the same with LAST-MODIFIED). None of them is read by the import.
const PER_RESPONSE_PROPERTIES = new Set(["DTSTAMP", "LAST-MODIFIED"]);

/**
 * A hash of what the import reads, from the lines the parser reads (unfoldLines): line ends, folding and blank space
 * normalised, the per-response stamps left out. Two downloads of an unchanged calendar get the same hash.
 */
export function hashUnfoldedLines(lines: string[]): string {
  let kept = "";
  for (const line of lines) {
    const first = line.charCodeAt(0);
    // Only names starting with D or L can be a stamp: the others skip the regular expression.
    const lowered = first | 0x20;
    if ((lowered === 0x64 || lowered === 0x6c) && PER_RESPONSE_PROPERTIES.has(/^[^;:]*/.exec(line)![0].toUpperCase()))
      continue;
    // Lines never start with a space or a tab (those continue the line before); other blank space is cut, as before.
    kept += `${first > 0x20 && first < 0x7f ? line : line.trimStart()}\n`;
  }
  return createHash("sha256").update(kept).digest("hex");
}
