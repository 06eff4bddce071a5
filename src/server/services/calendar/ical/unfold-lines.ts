/**
 * The content lines of an iCalendar text (RFC 5545 §3.1): a line starting with a space or a tab continues the one
 * before it, that first character removed. Accepts CRLF, LF and CR mixed, a byte-order mark, and blank lines or spaces
 * before BEGIN:VCALENDAR (exports like these exist in the wild). Trailing blank space is cut from each line once it
 * is whole, never before: a fold often falls just after a space (« Famille␠ / ␠Dupont », « W. Europe Standard␠ /
 * ␠Time »), and that space belongs to the value. Blank lines are left out.
 */
export function unfoldLines(text: string): string[] {
  const lines: string[] = [];
  let current: string | null = null;
  const finish = () => {
    if (current === null) return;
    const line = current.trimEnd();
    if (line.length > 0) lines.push(line);
  };
  // NUL bytes cannot be stored in PostgreSQL text (a feed carrying one would fail every sync): they are dropped.
  for (const physical of text
    .replace(/^\uFEFF/, "")
    .replace(/\u0000/g, "")
    .replace(/^\s+/, "")
    .split(/\r\n|\n|\r/)) {
    const first = physical.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && current !== null) {
      current += physical.slice(1);
    } else {
      finish();
      current = physical;
    }
  }
  finish();
  return lines;
}
