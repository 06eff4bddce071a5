// The platform's own catalogue in the demo: ten listings and their hosts that `npm run dev` brings in through the
// integration API on its first start (POST /api/v1/listings/batch with the demo key), each with its Airbnb feed and a
// few of the platform's own reservations, one of them sold on Airbnb too (the demo's direct-booking conflict).

export interface DemoPlatformListing {
  externalId: string;
  title: string;
  city: string;
  host: { externalId: string; email: string; name: string };
  /** Its Airbnb feed's path on the demo feed server (its stays are seeded by it). */
  feedPath: string;
}

const HOSTS = {
  garnier: { externalId: "PLAT-H-01", email: "ines.garnier@example.com", name: "Inès Garnier" },
  lefevre: { externalId: "PLAT-H-02", email: "paul.lefevre@example.com", name: "Paul Lefèvre" },
  // An account the demo seeded before the platform plugged in: the platform's id is given to it by its e-mail.
  petit: { externalId: "PLAT-H-03", email: "host3@example.com", name: "Thomas Petit" },
};

const listing = (n: number, title: string, city: string, host: DemoPlatformListing["host"]): DemoPlatformListing => {
  const externalId = `PLAT-${String(n).padStart(2, "0")}`;
  return { externalId, title, city, host, feedPath: `/airbnb/${externalId.toLowerCase()}.ics` };
};

export const DEMO_PLATFORM_LISTINGS: readonly DemoPlatformListing[] = [
  listing(1, "Loft des Canuts", "Lyon", HOSTS.garnier),
  listing(2, "Appartement Croix-Rousse", "Lyon", HOSTS.garnier),
  listing(3, "Studio Bellecour", "Lyon", HOSTS.garnier),
  listing(4, "Maison des vignes", "Beaune", HOSTS.lefevre),
  listing(5, "Gîte du Morvan", "Autun", HOSTS.lefevre),
  listing(6, "Chalet des Aravis", "La Clusaz", HOSTS.lefevre),
  listing(7, "Mas des oliviers", "Nîmes", HOSTS.lefevre),
  listing(8, "Cabane du bassin", "Arcachon", HOSTS.petit),
  listing(9, "Duplex Chartrons", "Bordeaux", HOSTS.petit),
  listing(10, "Villa Pointe du Cap", "Antibes", HOSTS.petit),
];

/** The listing whose Airbnb feed also sells nights the platform sold (demo-ics.ts): the direct-booking conflict. */
export const DIRECT_BOOKING_LISTING = "plat-01";

/** Days from today of the Airbnb reservation and of the platform's own on the direct-booking listing. */
export const DIRECT_BOOKING_DAYS = { airbnb: { from: 12, to: 15 }, platform: { from: 13, to: 16 } } as const;

/**
 * The platform's reservations of a listing: two stays past the feeds' seeded months (day 200 on), where nothing else
 * is booked, and on the direct-booking listing the one Airbnb sold too.
 */
export function demoPlatformReservations(
  listingExternalId: string,
  today: Date,
): Array<{ reservationId: string; checkIn: string; checkOut: string; status: "confirmed"; guestName: string }> {
  const day = (offset: number) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + offset * 86_400_000)
      .toISOString()
      .slice(0, 10);
  const n = Number(listingExternalId.slice(-2));
  const stays = [
    {
      reservationId: `${listingExternalId}-R1`,
      checkIn: day(200 + n * 3),
      checkOut: day(203 + n * 3),
      status: "confirmed" as const,
      guestName: "Voyageur démo",
    },
    {
      reservationId: `${listingExternalId}-R2`,
      checkIn: day(240 + n * 4),
      checkOut: day(244 + n * 4),
      status: "confirmed" as const,
      guestName: "Voyageuse démo",
    },
  ];
  if (listingExternalId.toLowerCase() === DIRECT_BOOKING_LISTING) {
    stays.push({
      reservationId: `${listingExternalId}-DIRECT`,
      checkIn: day(DIRECT_BOOKING_DAYS.platform.from),
      checkOut: day(DIRECT_BOOKING_DAYS.platform.to),
      status: "confirmed",
      guestName: "Camille Roux",
    });
  }
  return stays;
}
