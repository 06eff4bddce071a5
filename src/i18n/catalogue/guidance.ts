import { guidance as fr } from "./fr/guidance";
import { guidance as en } from "./en/guidance";

export const guidanceCatalogue = { fr, en };
