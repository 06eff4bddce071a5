import { incidents as fr } from "./fr/incidents";
import { incidents as en } from "./en/incidents";

export const incidentsCatalogue = { fr, en };
