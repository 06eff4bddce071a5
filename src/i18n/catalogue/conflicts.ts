import { conflicts as fr } from "./fr/conflicts";
import { conflicts as en } from "./en/conflicts";

export const conflictsCatalogue = { fr, en };
