"use client";

import { CHANNEL_EVENT_LABELS } from "./channel-labels";
import { useTranslator } from "@/i18n/locale-context";
import { channelsCatalogue } from "@/i18n/catalogue/channels";
import type { ChannelEventType } from "@/server/services/notifications/notifications.service";

const EVENTS = Object.keys(CHANNEL_EVENT_LABELS).filter((event) => event !== "test") as ChannelEventType[];

/** The events a channel hears, as checkboxes named "events". */
export function ChannelEventChoices({ isChecked }: { isChecked: (event: string) => boolean }) {
  const t = useTranslator(channelsCatalogue);
  return (
    <fieldset className="sm:col-span-2">
      <legend className="text-sm">{t("events")}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {EVENTS.map((event) => (
          <label key={event} className="inline-flex items-center gap-1 text-sm">
            <input type="checkbox" name="events" value={event} defaultChecked={isChecked(event)} />
            {t(CHANNEL_EVENT_LABELS[event])}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** What the channel forms send, read from their fields: lists split on commas (and spaces for addresses). */
export function readChannelForm(form: HTMLFormElement) {
  const data = new FormData(form);
  const list = (name: string, separators: RegExp) =>
    String(data.get(name) ?? "")
      .split(separators)
      .map((value) => value.trim())
      .filter(Boolean);
  return {
    name: String(data.get("name") ?? ""),
    events: data.getAll("events").map(String),
    providers: list("providers", /,/),
    addresses: list("addresses", /[\s,;]+/),
    url: String(data.get("url") ?? "").trim(),
  };
}
