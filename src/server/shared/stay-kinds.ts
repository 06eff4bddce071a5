/** What an imported stay is: a guest's reservation, dates the host or the platform closed, or not told apart. */
export const STAY_KINDS = ["reservation", "blocked", "unknown"] as const;
export type StayKind = (typeof STAY_KINDS)[number];
