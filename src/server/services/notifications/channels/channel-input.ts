import { z } from "zod";
import { CHANNEL_EVENT_TYPES, CHANNEL_TYPES } from "../../../db/schema";
import { lineText, text } from "../../../validation";

const Name = lineText().trim().min(1, "Le nom est obligatoire.").max(80);
const Url = text().trim().min(1, "L'URL est obligatoire.").max(2048, "L'URL est trop longue.");
const Addresses = z
  .array(text().trim().toLowerCase().pipe(z.email("Adresse e-mail invalide.")).pipe(z.string().max(254)))
  .min(1, "Au moins une adresse.")
  .max(20, "Au plus 20 adresses.");
const Events = z
  .array(z.enum(CHANNEL_EVENT_TYPES))
  .min(1, "Choisissez au moins un événement.")
  .max(CHANNEL_EVENT_TYPES.length);
// Provider keys as feeds have them (« Airbnb », « calendar.example.com »), kept in lower case: events compare so.
const Providers = z.array(lineText().trim().toLowerCase().min(1).max(253)).min(1).max(50).nullable();

/** POST /api/admin/notification-channels. */
export const CreateChannelInput = z
  .object({
    type: z.enum(CHANNEL_TYPES),
    name: Name,
    url: Url.optional(),
    addresses: Addresses.optional(),
    events: Events,
    providers: Providers.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.type === "email" && !input.addresses)
      ctx.addIssue({ code: "custom", path: ["addresses"], message: "Un canal e-mail demande des adresses." });
    if (input.type === "email" && input.url !== undefined)
      ctx.addIssue({ code: "custom", path: ["url"], message: "Un canal e-mail n'a pas d'URL." });
    if (input.type !== "email" && !input.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "Ce canal demande une URL." });
    if (input.type !== "email" && input.addresses !== undefined)
      ctx.addIssue({ code: "custom", path: ["addresses"], message: "Seul un canal e-mail a des adresses." });
  });
export type CreateChannelInput = z.input<typeof CreateChannelInput>;

/** PATCH /api/admin/notification-channels/[id]: what changes; `rotateSecret` gives a webhook a new secret. */
export const UpdateChannelInput = z
  .object({
    name: Name.optional(),
    url: Url.optional(),
    addresses: Addresses.optional(),
    events: Events.optional(),
    providers: Providers.optional(),
    enabled: z.boolean().optional(),
    rotateSecret: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: "Rien à modifier." });
export type UpdateChannelInput = z.input<typeof UpdateChannelInput>;
