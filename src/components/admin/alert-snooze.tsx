"use client";

import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import { formatDateTime } from "./format";
import { dateToPlatformInput, platformInputToDate, platformWallClock } from "@/server/shared/platform-time";

const HOUR_MS = 3_600_000;

/** « Mettre en pause »: 1 h, 4 h, demain 9 h, a chosen time (Paris), or until the error changes; « Reprendre ». */
export function AlertSnooze({
  alertId,
  snoozedUntil,
  snoozedUntilChange,
}: {
  alertId: string;
  snoozedUntil: string | null;
  snoozedUntilChange: boolean;
}) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  const { pending, error, run } = useApiAction();
  const [chosen, setChosen] = useState("");
  const [inputError, setInputError] = useState<string | null>(null);
  const url = `/api/admin/alerts/${encodeURIComponent(alertId)}/snooze`;
  const snooze = (body: { until: string } | { untilChange: true }) => {
    setInputError(null);
    return run(url, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  };
  const until = (date: Date) => snooze({ until: date.toISOString() });
  const snoozed = snoozedUntilChange || snoozedUntil !== null;

  if (snoozed) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <p data-testid="snoozed" className="text-sm">
          {snoozedUntilChange
            ? t("snoozedUntilChange")
            : t("snoozedUntil", { until: formatDateTime(snoozedUntil, locale) })}
        </p>
        <button
          type="button"
          onClick={() => void run(url, { method: "DELETE" })}
          disabled={pending}
          className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
        >
          {t("resume")}
        </button>
        <p role="status" className="text-sm text-red-800">
          {error}
        </p>
      </div>
    );
  }
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t("snooze")}</legend>
      <div className="flex flex-wrap items-center gap-2">
        {[
          { label: t("oneHour"), at: () => new Date(Date.now() + HOUR_MS) },
          { label: t("fourHours"), at: () => new Date(Date.now() + 4 * HOUR_MS) },
          { label: t("tomorrowNine"), at: () => platformWallClock(new Date(), 1, 9) },
        ].map((pick) => (
          <button
            key={pick.label}
            type="button"
            onClick={() => void until(pick.at())}
            disabled={pending}
            className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
          >
            {pick.label}
          </button>
        ))}
        <button
          type="button"
          onClick={() => void snooze({ untilChange: true })}
          disabled={pending}
          className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
        >
          {t("untilErrorChanges")}
        </button>
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const date = platformInputToDate(chosen);
          if (!date) return setInputError(t("chooseDateTime"));
          void until(date);
        }}
      >
        <label className="text-sm">
          <span className="block text-slate-700">{t("untilParis")}</span>
          <input
            type="datetime-local"
            value={chosen}
            min={dateToPlatformInput(new Date())}
            onChange={(event) => setChosen(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
        >
          {t("snooze")}
        </button>
      </form>
      <p role="status" className="text-sm text-red-800">
        {inputError ?? error}
      </p>
    </fieldset>
  );
}
