import { z } from "zod";
import { boundedDate, text } from "../../validation";
import { SYNC_ERROR_TYPE_CODES } from "../../shared/sync-error-types";

// The alert list's filters, read alike by the API (ListAlertsInput: strict, a 400 on bad input) and by the alerts
// page (alertPageFilters: lenient, a bad value falls back to its default, since a link may be old or hand-typed).

/** open, active and escalated leave snoozed alerts out; « En pause » (snoozed) shows them. */
export const ALERT_STATUS_FILTERS = ["open", "active", "escalated", "snoozed", "resolved", "all"] as const;
/** « Mes alertes » (me) and « Non assignées » (none). */
export const ALERT_ASSIGNEE_FILTERS = ["me", "none"] as const;

export const ListAlertsInput = z
  .object({
    status: z.enum(ALERT_STATUS_FILTERS).default("open"),
    listingId: text().trim().min(1).max(64).optional(),
    /** Search a listing by part of its title or its exact id. */
    q: text().trim().max(200).optional(),
    /** Alerts of listings that import from this provider (a feed's provider key: "Airbnb", "127.0.0.2"…). */
    provider: text().trim().min(1).max(255).optional(),
    errorType: z.enum(SYNC_ERROR_TYPE_CODES, { error: "code d'erreur inconnu" }).optional(),
    assignee: z.enum(ALERT_ASSIGNEE_FILTERS).optional(),
    from: boundedDate().optional(),
    to: boundedDate().optional(),
    /** Alerts changed since then (opened, counted, assigned, resolved…): a platform's incremental read. */
    updatedSince: boundedDate().optional(),
    cursor: text().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    sort: z.enum(["attempts", "risk"]).default("attempts"),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: "« from » doit précéder « to ».",
    path: ["from"],
  })
  .refine((input) => input.sort !== "risk" || ["open", "active", "escalated", "snoozed"].includes(input.status), {
    message: "Le tri par risque ne s'applique qu'aux alertes ouvertes.",
    path: ["sort"],
  });
export type ListAlertsInput = z.input<typeof ListAlertsInput>;

/** The alerts page's filters as its form shows them: every field a string, "" when unset. */
export interface AlertFilterValues {
  status: string;
  assignee: string;
  q: string;
  errorType: string;
  provider: string;
  /** YYYY-MM-DD, the first and last day of failure. */
  from: string;
  to: string;
  sort: string;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const AlertPageQuery = z.object({
  status: z.preprocess(one, z.enum(ALERT_STATUS_FILTERS)).catch("open"),
  assignee: z.preprocess(one, z.enum(ALERT_ASSIGNEE_FILTERS).or(z.literal(""))).catch(""),
  q: z
    .preprocess(
      one,
      z.string().transform((value) => value.slice(0, 200)),
    )
    .catch(""),
  // Kept as typed: listAlerts refuses an unknown code, and the page shows that as a filter error.
  errorType: z.preprocess(one, z.string()).catch(""),
  provider: z
    .preprocess(
      one,
      z.string().transform((value) => value.slice(0, 255)),
    )
    .catch(""),
  from: z.preprocess(one, Day).catch(""),
  to: z.preprocess(one, Day).catch(""),
  sort: z.preprocess(one, z.enum(["attempts", "risk"])).catch("attempts"),
  cursor: z.preprocess(one, z.string()).catch(""),
});

/**
 * The alerts page's query string, read leniently: the form's values, and the list's input they select (days as the
 * first and last instant of the day, UTC) without the cursor and the page size.
 */
export function alertPageFilters(params: Record<string, string | string[] | undefined>): {
  values: AlertFilterValues;
  input: ListAlertsInput;
  cursor: string | undefined;
} {
  const { cursor, ...values } = AlertPageQuery.parse(params);
  return {
    values,
    cursor: cursor || undefined,
    input: {
      status: values.status,
      assignee: values.assignee || undefined,
      q: values.q || undefined,
      errorType: (values.errorType || undefined) as ListAlertsInput["errorType"],
      provider: values.provider || undefined,
      from: values.from ? `${values.from}T00:00:00.000Z` : undefined,
      to: values.to ? `${values.to}T23:59:59.999Z` : undefined,
      sort: values.sort,
    },
  };
}
