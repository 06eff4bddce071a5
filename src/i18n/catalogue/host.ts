import { host as fr } from "./fr/host";
import { host as en } from "./en/host";

export const hostCatalogue = { fr, en };
