import { team as fr } from "./fr/team";
import { team as en } from "./en/team";

export const teamCatalogue = { fr, en };
