import type { conflicts as fr } from "../fr/conflicts";

export const conflicts: Record<keyof typeof fr, string> = {
  periodSameMonth: "from {from} to {to}",
  period: "from {from} to {to}",
  certain: "Double booking",
  probable: "Probable double booking",
  stayReservation: "Reservation",
  stayBlocked: "Blocked dates",
  stayUnknown: "Closed period (no detail)",
  untilFirstNight:
    "{days, plural, =0 {tonight} =1 {tomorrow} =-1 {started yesterday} other {{future, select, yes {in {days} days} other {started {ago} days ago}}}}",
  directHeadline: "Booked on the platform and on {rival}",
  hostDirect:
    "Booked on the platform and on {rival} {period}: two guests for the same nights. Close these dates on {rival} and contact support now.",
  hostCertain: "Two bookings overlap {period}: {a} and {b}. Contact support or one of the guests now.",
  hostProbable:
    "A booking and a closed period overlap {period}: {a} and {b}. Check on both platforms whether they are two stays, and contact support or one of the guests if so.",
};
