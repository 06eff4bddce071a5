import { z } from "zod";

// PostgreSQL refuses 0x00 in text; a string carrying one is bad input, answered with a 400 before any query.
const NUL = "\u0000";
export const hasNul = (value: string) => value.includes(NUL);

/** A string with no NUL character. */
export const text = () => z.string().refine((value) => !hasNul(value), "Caractère NUL interdit.");

// Text people type for others to read: control characters (line breaks included) would forge lines in e-mails and
// logs, and bidi overrides (U+202A–202E, U+2066–2069) would show « txt.exe » as « exe.txt ». One rule for labels,
// titles and names; notes and reasons may also hold line breaks and tabs.
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_OR_BIDI_BUT_LINES =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CLEAN_TEXT_MESSAGE = "Caractères de contrôle ou d'inversion de sens interdits.";

/** A one-line text (label, title, name): no control character, no bidi override. */
export const lineText = () => z.string().refine((value) => !CONTROL_OR_BIDI.test(value), CLEAN_TEXT_MESSAGE);

/** A text of several lines (note, reason): line breaks and tabs allowed, no other control character, no bidi override. */
export const paragraphText = () =>
  z.string().refine((value) => !CONTROL_OR_BIDI_BUT_LINES.test(value), CLEAN_TEXT_MESSAGE);

/** Ids of rows (db/new-id.ts, cuid2 for older rows, or the demo's readable ids): letters, digits, '-' and '_'. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const isEntityId = (value: string) => ENTITY_ID_PATTERN.test(value);

/** The platform's own ids (listings, hosts, reservations): letters, digits and `._:-`, up to 128. */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const isExternalId = (value: string) => EXTERNAL_ID_PATTERN.test(value);

// Far inside both JavaScript's and PostgreSQL's date ranges: nothing a support agent filters on lies outside.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A date or date-time within 1970–9999; anything else is a validation error, never a database error. */
export const boundedDate = () =>
  z.coerce
    .date({ error: "Date invalide." })
    .refine((date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST, "Date hors limites (1970 à 9999).");

/** PostgreSQL's integer (int4) range. */
export const INT4_MAX = 2_147_483_647;

/** Every string inside a parsed JSON value, for the NUL check of bodies. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return hasNul(value);
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  if (value && typeof value === "object")
    return Object.entries(value).some(([key, item]) => hasNul(key) || containsNul(item, depth + 1));
  return false;
}

/**
 * A day that exists, written AAAA-MM-JJ: JavaScript reads « 2027-02-30 » as 2 March, PostgreSQL refuses it, so the
 * day must come back unchanged from a Date.
 */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}
