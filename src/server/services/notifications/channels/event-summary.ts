import type { ChannelEventType } from "../../../db/schema";
import { channelMessagesCatalogue } from "../../../../i18n/catalogue/channel-messages";
import { DEFAULT_LOCALE, INTL_TAGS, type Locale } from "../../../../i18n/locales";
import { translator } from "../../../../i18n/translator";
import { PLATFORM_TIME_ZONE } from "../../../shared/platform-time";

/** An event as the channels' formats read it. */
export interface ChannelEvent {
  id: string;
  type: ChannelEventType | "test";
  /** ISO 8601: when it happened. */
  timestamp: string;
  data: Record<string, unknown>;
}

/** What a human reads of an event, in SUPPORT_LOCALE: a title, a few labelled facts, a link and its button's label. */
export interface EventSummary {
  title: string;
  facts: Array<[string, string]>;
  url: string | null;
  action: string;
}

const str = (value: unknown) =>
  typeof value === "string" ? value : value === null || value === undefined ? "—" : String(value);
const obj = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});

const HOW = {
  "by-hand": "how.by-hand",
  recovery: "how.recovery",
  "host-link": "how.host-link",
  "listing-archived": "how.listing-archived",
} as const;

export function summarizeEvent(event: ChannelEvent, locale: Locale = DEFAULT_LOCALE): EventSummary {
  const t = translator(channelMessagesCatalogue, locale);
  const dateTime = new Intl.DateTimeFormat(INTL_TAGS[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: PLATFORM_TIME_ZONE,
  });
  const day = new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: "full", timeZone: "UTC" });
  const when = (iso: unknown) =>
    typeof iso === "string" && !Number.isNaN(Date.parse(iso)) ? dateTime.format(new Date(iso)) : "—";
  const night = (iso: unknown) =>
    typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? day.format(new Date(`${iso}T00:00:00Z`)) : "—";
  const data = event.data;
  switch (event.type) {
    case "alert.escalated": {
      const alert = obj(data.alert);
      const listing = obj(alert.listing);
      return {
        title: t("escalatedTitle", { title: str(listing.title) }),
        facts: [
          [t("listing"), str(listing.title)],
          [t("error"), t("errorWithHint", { label: str(alert.errorLabel), hint: str(alert.errorHint) })],
          [t("failedAttempts"), str(alert.failedAttempts)],
          [t("nextArrival"), data.nextArrivalAt ? when(data.nextArrivalAt) : t("noArrival")],
        ],
        url: typeof alert.url === "string" ? alert.url : null,
        action: t("openAlert"),
      };
    }
    case "alert.resolved": {
      const alert = obj(data.alert);
      const listing = obj(alert.listing);
      const how = str(alert.how);
      return {
        title: t("resolvedTitle", { title: str(listing.title) }),
        facts: [
          [t("listing"), str(listing.title)],
          [t("how"), Object.hasOwn(HOW, how) ? t(HOW[how as keyof typeof HOW]) : how],
          ...(alert.by ? ([[t("by"), str(alert.by)]] as Array<[string, string]>) : []),
          [t("resolvedOn"), when(alert.resolvedAt)],
        ],
        url: typeof alert.url === "string" ? alert.url : null,
        action: t("openAlert"),
      };
    }
    case "incident.opened":
    case "incident.resolved": {
      const incident = obj(data.incident);
      const opened = event.type === "incident.opened";
      return {
        title: t(opened ? "incidentOpenedTitle" : "incidentResolvedTitle", { provider: str(incident.provider) }),
        facts: [
          [t("provider"), str(incident.provider)],
          [t("failingAtOpening"), str(incident.feedsFailing)],
          [t("listingsHit"), str(incident.listingsFailing)],
          [opened ? t("openedOn") : t("endedOn"), when(opened ? incident.openedAt : incident.resolvedAt)],
        ],
        url: typeof incident.url === "string" ? incident.url : null,
        action: t("openIncident"),
      };
    }
    case "conflict.detected":
    case "conflict.resolved": {
      const conflict = obj(data.conflict);
      const providers = Array.isArray(conflict.providers) ? conflict.providers.map(str).join(t("and")) : "—";
      const label = conflict.certainty === "certain" ? t("certain") : t("probable");
      const title = str(obj(conflict.listing).title);
      return {
        title: t(event.type === "conflict.detected" ? "conflictTitle" : "conflictResolvedTitle", { label, title }),
        facts: [
          [t("listing"), title],
          [
            t("nights"),
            t("nightsRange", {
              nights: str(conflict.nights),
              from: night(conflict.firstNight),
              to: night(conflict.lastNight),
            }),
          ],
          [t("platforms"), providers],
        ],
        url: typeof conflict.url === "string" ? conflict.url : null,
        action: t("openConflict"),
      };
    }
    case "digest": {
      const digest = obj(data.digest);
      return {
        title: t("digestTitle", { day: str(digest.day) }),
        facts: [
          [t("openAlerts"), str(digest.openAlerts)],
          [t("unownedEscalated"), str(digest.unownedEscalated)],
          [t("arrivalsAtRisk"), str(digest.arrivalsAtRisk)],
          [t("openedResolved"), `${str(digest.openedSince)} / ${str(digest.resolvedSince)}`],
        ],
        url: typeof digest.url === "string" ? digest.url : null,
        action: t("openDashboard"),
      };
    }
    case "test":
      return {
        title: t("testTitle"),
        facts: [[t("channel"), str(obj(data.channel).name)]],
        url: null,
        action: "",
      };
  }
}
