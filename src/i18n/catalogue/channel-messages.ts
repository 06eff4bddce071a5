import { channelMessages as fr } from "./fr/channel-messages";
import { channelMessages as en } from "./en/channel-messages";

export const channelMessagesCatalogue = { fr, en };
