import { integrations as fr } from "./fr/integrations";
import { integrations as en } from "./en/integrations";

export const integrationsCatalogue = { fr, en };
