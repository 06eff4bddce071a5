import { alerts as fr } from "./fr/alerts";
import { alerts as en } from "./en/alerts";

export const alertsCatalogue = { fr, en };
