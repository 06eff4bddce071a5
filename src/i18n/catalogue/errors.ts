import { errors as fr } from "./fr/errors";
import { errors as en } from "./en/errors";

export const errorsCatalogue = { fr, en };
