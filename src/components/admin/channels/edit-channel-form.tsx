"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";
import { ChannelEventChoices, readChannelForm } from "./channel-form-fields";
import { useTranslator } from "@/i18n/locale-context";
import { channelsCatalogue } from "@/i18n/catalogue/channels";

interface EditableChannel {
  id: string;
  type: string;
  name: string;
  addresses: string[];
  events: string[];
  providers: string[] | null;
}

/** « Modifier »: name, events, providers, and the URL or addresses (an empty URL keeps the one stored). */
export function EditChannelForm({ channel }: { channel: EditableChannel }) {
  const t = useTranslator(channelsCatalogue);
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(form: HTMLFormElement) {
    const fields = readChannelForm(form);
    const body = {
      name: fields.name,
      events: fields.events,
      providers: fields.providers.length ? fields.providers : null,
      ...(channel.type === "email" ? { addresses: fields.addresses } : fields.url ? { url: fields.url } : {}),
    };
    setPending(true);
    setMessage(null);
    const outcome = await callApi(`/api/admin/notification-channels/${encodeURIComponent(channel.id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setPending(false);
    setMessage(outcome.ok ? t("saved") : outcome.message);
    if (outcome.ok) router.refresh();
  }

  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">{t("edit")}</summary>
      <form
        className="mt-2 grid gap-3 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label className="grid gap-1">
          {t("name")}
          <input
            name="name"
            required
            maxLength={80}
            defaultValue={channel.name}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        {channel.type === "email" ? (
          <label className="grid gap-1">
            {t("addresses")}
            <input
              name="addresses"
              required
              defaultValue={channel.addresses.join(", ")}
              className="rounded border border-slate-300 px-2 py-1"
            />
          </label>
        ) : (
          <label className="grid gap-1">
            {t("newUrl")}
            <input name="url" type="url" className="rounded border border-slate-300 px-2 py-1" />
          </label>
        )}
        <ChannelEventChoices isChecked={(event) => channel.events.includes(event)} />
        <label className="grid gap-1 sm:col-span-2">
          {t("providersEmptyAll")}
          <input
            name="providers"
            defaultValue={channel.providers?.join(", ") ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <div className="flex items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded px-3 py-1 font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
            aria-describedby={`${id}-status`}
          >
            {pending ? t("saving") : t("save")}
          </button>
          <span id={`${id}-status`} role="status">
            {message}
          </span>
        </div>
      </form>
    </details>
  );
}
