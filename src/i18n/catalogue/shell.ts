import { shell as fr } from "./fr/shell";
import { shell as en } from "./en/shell";

export const shellCatalogue = { fr, en };
