import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unfoldLines } from "@/server/services/calendar/ical/unfold-lines";
import { readBody } from "@/server/services/calendar/ical/feed-body-reader";

// A content line: printable text (spaces inside and at the end included), not starting with blank space.
const contentLine = fc
  .string({ unit: fc.constantFrom(..."ABCDEFGHIJ:;=-,.é ".split("")), minLength: 1, maxLength: 90 })
  .filter((line) => line.trim().length > 0 && line[0] !== " ");

/** Folds a line RFC 5545 style at the given cut points: CRLF and one space inserted before each. */
function fold(line: string, cuts: number[]): string {
  const points = [...new Set(cuts.map((cut) => 1 + (cut % Math.max(1, line.length - 1))))]
    .filter((cut) => cut < line.length)
    .sort((a, b) => a - b);
  let folded = "";
  let from = 0;
  for (const point of points) {
    folded += `${line.slice(from, point)}\r\n `;
    from = point;
  }
  return folded + line.slice(from);
}

describe("unfoldLines", () => {
  it("gives back every line whole, however it was folded and whatever the line ends, spaces at the folds included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(contentLine, fc.array(fc.nat(), { maxLength: 4 })), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("\r\n", "\n", "\r"),
        (lines, lineEnd) => {
          const text = lines.map(([line, cuts]) => fold(line, cuts).replace(/\r\n/g, lineEnd)).join(lineEnd);
          expect(unfoldLines(text)).toEqual(lines.map(([line]) => line.trimEnd()));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("hashes a calendar the same however it is folded, and differently when a space at a fold changes", () => {
    const hashOf = (text: string) => readBody(text, null, { horizonMonths: 18 }).bodyHash;
    const body = (summary: string) =>
      ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", `SUMMARY:${summary}`, "END:VEVENT", "END:VCALENDAR"].join("\r\n");
    expect(hashOf(body("Famille \r\n Dupont"))).toBe(hashOf(body("Famille Dupont")));
    expect(hashOf(body("Famille \r\n Dupont"))).not.toBe(hashOf(body("FamilleDupont")));
  });
});
