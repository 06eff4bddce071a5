import { z } from "zod";
import { lineText } from "../../validation";
import { ExternalId } from "./listing-input";

const MAX_NIGHTS = 366;

const isoDay = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : date attendue au format AAAA-MM-JJ.`)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return (
        !Number.isNaN(date.getTime()) &&
        date.toISOString().slice(0, 10) === value &&
        value >= "2000-01-01" &&
        value <= "9999-12-30"
      );
    }, `${label} : date inexistante.`);

const nightsBetween = (checkIn: string, checkOut: string) =>
  (Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000;

/**
 * The body of PUT /api/v1/listings/{externalId}/reservations/{reservationId}: the listing's days (its own zone), the
 * check-out being the morning after the last night. `guestName` is personal data: shown to support, never sent.
 */
export const ReservationBody = z
  .object({
    checkIn: isoDay("Arrivée"),
    checkOut: isoDay("Départ"),
    status: z.enum(["confirmed", "cancelled"], { error: "Statut : confirmed ou cancelled." }),
    guestName: lineText().trim().max(200).nullable().optional(),
  })
  .strict()
  .refine((body) => body.checkOut > body.checkIn, {
    message: "Le départ doit suivre l'arrivée d'au moins une nuit.",
    path: ["checkOut"],
  })
  .refine((body) => body.checkOut <= body.checkIn || nightsBetween(body.checkIn, body.checkOut) <= MAX_NIGHTS, {
    message: `Un séjour compte au plus ${MAX_NIGHTS} nuits.`,
    path: ["checkOut"],
  });
export type ReservationBody = z.output<typeof ReservationBody>;

/** One item of POST /api/v1/reservations/batch: the body with its listing's and its own platform ids. */
export const ReservationItem = z
  .object({ listingExternalId: ExternalId, reservationId: ExternalId })
  .passthrough()
  .transform((item, context) => {
    const { listingExternalId, reservationId, ...body } = item;
    const parsed = ReservationBody.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        context.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { listingExternalId, reservationId, ...parsed.data };
  });
export type ReservationItem = z.output<typeof ReservationItem>;
