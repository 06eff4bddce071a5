import { counts as fr } from "./fr/counts";
import { counts as en } from "./en/counts";

export const countsCatalogue = { fr, en };
