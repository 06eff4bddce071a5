import type { AlertEventDTO } from "@/server/services/read-models/read-models.service";
import { formatDateTime } from "./format";
import type { AlertsTranslate } from "./labels";
import type { Locale } from "@/i18n/locales";

/** One line of the alert's timeline for what support did, in the reader's language. */
export function alertEventText(event: AlertEventDTO, t: AlertsTranslate, locale: Locale): string {
  const who = event.actor?.name ?? t("theSystem");
  const data = event.data ?? {};
  switch (event.kind) {
    case "note":
      return t("event.note", { who });
    case "assigned":
      return data.assigneeId === event.actor?.id
        ? t("event.took", { who })
        : t("event.handed", { who, assignee: String(data.assigneeName ?? t("aColleague")) });
    case "unassigned":
      return data.reason === "account_disabled"
        ? t("event.releasedDisabled", { previous: String(data.previousAssigneeName ?? t("theirOwner")), who })
        : t("event.released", { who });
    case "snoozed":
      return data.untilChange
        ? t("event.snoozedUntilChange", { who })
        : t("event.snoozedUntil", {
            who,
            until: formatDateTime(typeof data.until === "string" ? data.until : null, locale),
          });
    case "unsnoozed":
      return t("event.unsnoozed", { who });
    case "woke":
      return data.reason === "change" ? t("event.wokeChange") : t("event.woke");
    case "second_level":
      return t("event.secondLevel");
  }
}
