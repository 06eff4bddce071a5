import { emails as fr } from "./fr/emails";
import { emails as en } from "./en/emails";

export const emailsCatalogue = { fr, en };
