"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";
import { ShownOnce } from "../shown-once";
import { CHANNEL_TYPE_LABELS } from "./channel-labels";
import { useTranslator } from "@/i18n/locale-context";
import { channelsCatalogue } from "@/i18n/catalogue/channels";
import { ChannelEventChoices, readChannelForm } from "./channel-form-fields";

/** « Ajouter un canal »: a webhook's secret is shown here once, after saving. */
export function NewChannelForm() {
  const t = useTranslator(channelsCatalogue);
  const router = useRouter();
  const id = useId();
  const [type, setType] = useState("webhook");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  async function submit(form: HTMLFormElement) {
    const fields = readChannelForm(form);
    const body = {
      type,
      name: fields.name,
      ...(type === "email" ? { addresses: fields.addresses } : { url: fields.url }),
      events: fields.events,
      ...(fields.providers.length ? { providers: fields.providers } : {}),
    };
    setPending(true);
    setError(null);
    const outcome = await callApi<{ secret?: string }>("/api/admin/notification-channels", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setPending(false);
    if (!outcome.ok) return setError(outcome.message);
    form.reset();
    setSecret(outcome.body.data.secret ?? null);
    router.refresh();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t("addChannel")}
      </h2>
      {secret && <ShownOnce notice={t("secretNotice")} value={secret} testId="channel-secret" />}
      <form
        className="mt-3 grid gap-3 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label className="grid gap-1 text-sm">
          {t("type")}
          <select
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {Object.entries(CHANNEL_TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t("name")}
          <input name="name" required maxLength={80} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        {type === "email" ? (
          <label className="grid gap-1 text-sm sm:col-span-2">
            {t("addressesComma")}
            <input name="addresses" required className="rounded border border-slate-300 px-2 py-1" />
          </label>
        ) : (
          <label className="grid gap-1 text-sm sm:col-span-2">
            {type === "slack" ? t("urlSlack") : type === "teams" ? t("urlTeams") : t("urlWebhook")}
            <input name="url" type="url" required className="rounded border border-slate-300 px-2 py-1" />
          </label>
        )}
        <ChannelEventChoices isChecked={(event) => event === "alert.escalated" || event === "incident.opened"} />
        <label className="grid gap-1 text-sm sm:col-span-2">
          {t("providersOptional")}
          <input name="providers" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <div className="flex items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
          >
            {pending ? t("saving") : t("addTheChannel")}
          </button>
          <span role="alert" className="text-sm text-red-800">
            {error}
          </span>
        </div>
      </form>
    </section>
  );
}
