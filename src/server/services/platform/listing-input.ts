import { z } from "zod";
import { lineText } from "../../validation";
import { LOCALES } from "../../../i18n/locales";

/** The platform's own id of a listing, a host or a reservation: what it already uses, letters, digits and `._:-`. */
export const ExternalId = lineText()
  .min(1, "L'identifiant externe est obligatoire.")
  .max(128, "Identifiant externe trop long (128 caractères au plus).")
  .regex(/^[A-Za-z0-9._:-]+$/, "Identifiant externe : lettres, chiffres et . _ : - seulement.");

// IANA names only (« Europe/Paris », « UTC »): an offset such as « +02:00 » means the opposite sign to PostgreSQL.
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;

// Asking Intl costs tens of microseconds a call, most of a batch's validation: each name is asked once per process.
const knownZones = new Map<string, boolean>();

/** A zone both this process and PostgreSQL know by name: the nights of the listing's stays are counted there. */
export function isKnownTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 10_000) knownZones.set(name, known);
  }
  return known;
}

export const TimeZoneName = z
  .string()
  .max(64)
  .refine(isKnownTimeZone, "Fuseau horaire inconnu (nom IANA attendu, par exemple Europe/Paris).");

export const HostInput = z
  .object({
    externalId: ExternalId,
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email("Adresse e-mail invalide."))
      .transform((email) => email.trim().toLowerCase()),
    name: lineText().trim().min(1, "Le nom de l'hôte est obligatoire.").max(200),
    /** The host's language for their page, e-mails and notices: `fr` (the default for a new host) or `en`. */
    locale: z.enum(LOCALES, { error: "Langue inconnue : « fr » ou « en »." }).optional(),
  })
  .strict();
export type HostInput = z.output<typeof HostInput>;

/** The body of PUT /api/v1/listings/{externalId}: what the platform says a listing is. */
export const ListingBody = z
  .object({
    title: lineText().trim().min(1, "Le titre est obligatoire.").max(200),
    city: lineText().trim().min(1, "La ville est obligatoire.").max(120),
    timeZone: TimeZoneName.default("Europe/Paris"),
    host: HostInput,
  })
  .strict();
export type ListingBody = z.output<typeof ListingBody>;

/** One item of POST /api/v1/listings/batch (and of a file's listing): the body with its id. */
export const ListingItem = ListingBody.extend({ externalId: ExternalId }).strict();
export type ListingItem = z.output<typeof ListingItem>;

export const MAX_BATCH_ITEMS = 1000;
