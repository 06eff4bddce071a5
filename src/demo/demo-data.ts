import type { UserRole } from "../server/db/schema/users";

export const DEMO_PASSWORD = "demo1234";

// host3 speaks English: their pages and notices follow as #33 moves them to the catalogues.
export const DEMO_USERS: ReadonlyArray<{
  id: string;
  email: string;
  name: string;
  role: UserRole;
  locale?: "fr" | "en";
}> = [
  { id: "demo-support-1", email: "support@example.com", name: "Sophie Martin", role: "support" },
  { id: "demo-support-2", email: "support2@example.com", name: "Karim Benali", role: "support" },
  { id: "demo-admin", email: "admin@example.com", name: "Claire Dubois", role: "admin" },
  { id: "demo-host-1", email: "host1@example.com", name: "Julien Moreau", role: "host" },
  { id: "demo-host-2", email: "host2@example.com", name: "Amélie Laurent", role: "host" },
  { id: "demo-host-3", email: "host3@example.com", name: "Thomas Petit", role: "host", locale: "en" },
];

/** Feed "scenario" names the behaviour the demo feed server gives that URL (healthy or one failure mode). */
export const DEMO_LISTINGS: ReadonlyArray<{
  id: string;
  title: string;
  city: string;
  ownerId: string;
  /** onOutageProvider: served by the demo's second "provider" (127.0.0.2), which goes down for a while. */
  feeds: ReadonlyArray<{ provider: string; scenario: string; onOutageProvider?: boolean }>;
  /** Its platforms sold the same nights next week (demo-ics.ts): a certain or a probable double booking. */
  doubleBooking?: "certain" | "probable";
  /** Already failing when the demo starts (seed-demo-history.ts opens today's alert): its feed never answers well first. */
  failingAtStart?: true;
}> = [
  {
    id: "demo-listing-01",
    title: "Studio lumineux près du Vieux-Port",
    city: "Marseille",
    ownerId: "demo-host-1",
    feeds: [
      { provider: "Airbnb", scenario: "airbnb" },
      { provider: "Booking.com", scenario: "booking" },
    ],
  },
  {
    id: "demo-listing-02",
    title: "Appartement haussmannien Canal Saint-Martin",
    city: "Paris",
    ownerId: "demo-host-1",
    feeds: [{ provider: "Airbnb", scenario: "not-found" }],
  },
  {
    id: "demo-listing-03",
    title: "Chalet avec vue sur le Mont-Blanc",
    city: "Chamonix",
    ownerId: "demo-host-1",
    feeds: [
      { provider: "Vrbo", scenario: "vrbo" },
      { provider: "Booking.com", scenario: "server-error" },
    ],
  },
  {
    id: "demo-listing-04",
    title: "Maison de pêcheur à Saint-Malo",
    city: "Saint-Malo",
    ownerId: "demo-host-1",
    feeds: [{ provider: "Booking.com", scenario: "forbidden" }],
  },
  {
    id: "demo-listing-05",
    title: "Loft industriel Croix-Rousse",
    city: "Lyon",
    ownerId: "demo-host-2",
    feeds: [{ provider: "Airbnb", scenario: "airbnb" }],
  },
  {
    id: "demo-listing-06",
    title: "Villa provençale avec piscine",
    city: "Gordes",
    ownerId: "demo-host-2",
    feeds: [{ provider: "Vrbo", scenario: "rate-limited" }],
    failingAtStart: true,
  },
  {
    id: "demo-listing-07",
    title: "Duplex face à la Garonne",
    city: "Bordeaux",
    ownerId: "demo-host-2",
    feeds: [{ provider: "Airbnb", scenario: "slow" }],
  },
  {
    id: "demo-listing-08",
    title: "Cabane dans les arbres",
    city: "Lège-Cap-Ferret",
    ownerId: "demo-host-2",
    feeds: [{ provider: "Google Agenda", scenario: "html" }],
  },
  {
    id: "demo-listing-09",
    title: "Appartement cosy quartier Capitole",
    city: "Toulouse",
    ownerId: "demo-host-3",
    feeds: [{ provider: "Booking.com", scenario: "booking" }],
  },
  {
    id: "demo-listing-10",
    title: "Péniche amarrée quai de la Loire",
    city: "Nantes",
    ownerId: "demo-host-3",
    feeds: [{ provider: "Airbnb", scenario: "redirect-loop" }],
  },
  {
    id: "demo-listing-11",
    title: "Gîte au cœur des vignes",
    city: "Beaune",
    ownerId: "demo-host-3",
    feeds: [{ provider: "Vrbo", scenario: "huge" }],
    failingAtStart: true,
  },
  {
    id: "demo-listing-12",
    title: "Mas camarguais",
    city: "Arles",
    ownerId: "demo-host-3",
    feeds: [
      { provider: "Airbnb", scenario: "vrbo" },
      { provider: "Google Agenda", scenario: "google" },
    ],
  },
  ...[
    ["Appartement place Bellecour", "Lyon"],
    ["Studio vue sur la cathédrale", "Strasbourg"],
    ["Maison basque", "Biarritz"],
    ["Duplex Vieux-Lille", "Lille"],
    ["Chambre d'hôtes en Sologne", "Romorantin"],
    ["Longère bretonne", "Quimper"],
    ["Appartement Promenade des Anglais", "Nice"],
    ["Chalet des Aravis", "La Clusaz"],
    ["Loft quartier des Chartrons", "Bordeaux"],
    ["Maison de ville Écusson", "Montpellier"],
  ].map(([title, city], index) => ({
    id: `demo-listing-${String(13 + index).padStart(2, "0")}`,
    title: title!,
    city: city!,
    ownerId: ["demo-host-1", "demo-host-2", "demo-host-3"][index % 3]!,
    feeds: [{ provider: "Booking.com", scenario: "booking", onOutageProvider: true }],
  })),
  {
    id: "demo-listing-23",
    title: "Appartement sur les quais de Saône",
    city: "Lyon",
    ownerId: "demo-host-1",
    feeds: [
      { provider: "Airbnb", scenario: "airbnb" },
      { provider: "Vrbo", scenario: "vrbo" },
    ],
    doubleBooking: "certain",
  },
  {
    id: "demo-listing-24",
    title: "Maison de village en Luberon",
    city: "Lourmarin",
    ownerId: "demo-host-2",
    feeds: [
      { provider: "Airbnb", scenario: "airbnb" },
      { provider: "Booking.com", scenario: "booking" },
    ],
    doubleBooking: "probable",
  },
];

const CALENDAR_STYLES = new Set(["airbnb", "booking", "vrbo", "google"]);
const STYLE_OF_PROVIDER: Record<string, string> = {
  Airbnb: "airbnb",
  "Booking.com": "booking",
  Vrbo: "vrbo",
  "Google Agenda": "google",
};

/**
 * What a demo feed path answers on its first request when failing feeds answer well once first: a healthy calendar in
 * its own platform's style (the path's style, else its provider's). In any one style the listing's feeds would all say
 * « Reserved » for the same stays: that is a double booking on every shared night.
 */
export function firstAnswerOf(listingId: string, scenario: string): string {
  if (CALENDAR_STYLES.has(scenario)) return scenario;
  const listing = DEMO_LISTINGS.find((candidate) => candidate.id === listingId);
  if (!listing || listing.failingAtStart) return scenario;
  const provider = listing.feeds.find((feed) => feed.scenario === scenario)?.provider ?? "";
  return STYLE_OF_PROVIDER[provider] ?? scenario;
}

export function demoFeedUrl(baseUrl: string, listingId: string, scenario: string, index: number): string {
  // The token mimics the private export token real providers put in the URL; it must never be shown unmasked.
  const token = Buffer.from(`${listingId}:${index}:demo-secret`).toString("base64url");
  return `${baseUrl.replace(/\/$/, "")}/${scenario}/${listingId}.ics?t=${token}`;
}

export function describeDemoAccounts(): string {
  const lines = DEMO_USERS.map((user) => `  ${user.role.padEnd(8)} ${user.email}`);
  return [`Demo accounts (password "${DEMO_PASSWORD}"):`, ...lines].join("\n");
}
