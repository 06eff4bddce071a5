import { auth as fr } from "./fr/auth";
import { auth as en } from "./en/auth";

export const authCatalogue = { fr, en };
