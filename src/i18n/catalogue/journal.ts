import { journal as fr } from "./fr/journal";
import { journal as en } from "./en/journal";

export const journalCatalogue = { fr, en };
