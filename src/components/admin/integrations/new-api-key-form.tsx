"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";
import { ShownOnce } from "../shown-once";
import { API_KEY_SCOPE_LABELS } from "./api-key-labels";
import { useTranslator } from "@/i18n/locale-context";
import { integrationsCatalogue } from "@/i18n/catalogue/integrations";

/** « Créer une clé »: the key is shown here once, after saving, and never again. */
export function NewApiKeyForm() {
  const t = useTranslator(integrationsCatalogue);
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const expires = String(data.get("expires") ?? "");
    const body = {
      name: String(data.get("name") ?? ""),
      scopes: data.getAll("scopes").map(String),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
    };
    setPending(true);
    setError(null);
    const outcome = await callApi<{ name: string; key: string }>("/api/admin/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setPending(false);
    if (!outcome.ok) return setError(outcome.message);
    form.reset();
    setCreated({ name: outcome.body.data.name, key: outcome.body.data.key });
    router.refresh();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t("createKey")}
      </h2>
      {created && (
        <ShownOnce notice={t("keyNotice", { name: created.name })} value={created.key} testId="api-key-secret" />
      )}
      <form
        className="mt-3 grid gap-3 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label className="grid gap-1 text-sm">
          {t("name")}
          <input name="name" required maxLength={80} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="grid gap-1 text-sm">
          {t("expiresOptional")}
          <input name="expires" type="date" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <fieldset className="grid gap-1 text-sm sm:col-span-2">
          <legend className="mb-1 font-medium">{t("permissions")}</legend>
          {Object.entries(API_KEY_SCOPE_LABELS).map(([scope, label]) => (
            <label key={scope} className="flex items-center gap-2">
              <input type="checkbox" name="scopes" value={scope} />
              {t(label)} <code className="text-xs text-slate-600">{scope}</code>
            </label>
          ))}
        </fieldset>
        <div className="flex items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
          >
            {pending ? t("creating") : t("createTheKey")}
          </button>
          <p role="status" className="text-sm text-red-800">
            {error}
          </p>
        </div>
      </form>
    </section>
  );
}
