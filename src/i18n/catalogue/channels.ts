import { channels as fr } from "./fr/channels";
import { channels as en } from "./en/channels";

export const channelsCatalogue = { fr, en };
