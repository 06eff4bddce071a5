// The text part of every e-mail, put together in one place.

// Line breaks of every kind (CR, LF, VT, FF, NEL, U+2028/2029) and the other control characters.
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Joins the lines of a text part. Each line is one line whatever its values hold: a label, a title or a remote
 * server's message with a line break (« Airbnb\r\nBcc: … ») is flattened, so no value ever starts a line of its own.
 */
export function textLines(lines: string[]): string {
  return lines.map((line) => line.replace(BREAKS_AND_CONTROLS, " ")).join("\n");
}
