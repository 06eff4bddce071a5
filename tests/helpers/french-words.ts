/**
 * The UI's most common French words: none may be left in what an English reader gets (a page, an e-mail, a channel
 * message). Data (a listing's title, a name, a note) is the caller's to leave out.
 */
export const FRENCH_WORDS = [
  "alerte",
  "alertes",
  "annonce",
  "annonces",
  "résoudre",
  "résolue",
  "résolues",
  "calendrier",
  "calendriers",
  "réservation",
  "réservations",
  "échec",
  "échecs",
  "aucun",
  "aucune",
  "hôte",
  "hôtes",
  "synchronisation",
  "tableau de bord",
  "équipe",
  "fournisseur",
  "déconnecter",
  "mot de passe",
  "enregistrer",
  "supprimer",
  "depuis",
  "jusqu'au",
  "lien",
  "bonjour",
  "prise en charge",
  "mettre en pause",
];

const FRENCH_WORD = new RegExp(`(?<![\\p{L}])(${FRENCH_WORDS.join("|")})(?![\\p{L}])`, "iu");

/** The first French word of `text`, with what surrounds it; null when there is none. */
export function firstFrenchWord(text: string): string | null {
  const match = FRENCH_WORD.exec(text);
  return match ? `« ${match[0]} » in: ${text.slice(Math.max(0, match.index - 60), match.index + 60)}` : null;
}
