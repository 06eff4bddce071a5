import { csv as fr } from "./fr/csv";
import { csv as en } from "./en/csv";

export const csvCatalogue = { fr, en };
