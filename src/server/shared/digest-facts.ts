// The morning digest's facts: read by alerting/read-digest-facts.ts, told by notifications/digest-email.ts.

/** What the morning digest says: counts, and the few rows that need a name. */
export interface DigestFacts {
  /** Open alerts not snoozed, by age of their first failure. */
  openByAge: { underDay: number; oneToThreeDays: number; threeToSevenDays: number; overWeek: number };
  snoozed: number;
  /** Escalated alerts nobody owns (the first few by escalation). */
  unownedEscalated: { count: number; listings: Array<{ alertId: string; title: string }> };
  /** Listings with an open alert and a stay arriving within 7 days: the arrivals at risk (the soonest few). */
  arrivalsAtRisk: { count: number; listings: Array<{ alertId: string; title: string; firstArrival: string }> };
  openedSince: number;
  resolvedSince: number;
  openIncidents: string[];
  openConflicts: { certain: number; probable: number };
}

/** Whether the digest has anything to say: an open alert, an incident, a conflict, or something that happened. */
export function digestHasNews(facts: DigestFacts): boolean {
  const open = Object.values(facts.openByAge).reduce((sum, count) => sum + count, 0);
  return (
    open +
      facts.snoozed +
      facts.openedSince +
      facts.resolvedSince +
      facts.openIncidents.length +
      facts.openConflicts.certain +
      facts.openConflicts.probable >
    0
  );
}
