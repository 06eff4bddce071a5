import { syncErrors as fr } from "./fr/sync-errors";
import { syncErrors as en } from "./en/sync-errors";

export const syncErrorsCatalogue = { fr, en };
