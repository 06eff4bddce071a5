"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { channelsCatalogue } from "@/i18n/catalogue/channels";

interface TestAnswer {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** A channel's buttons: « Envoyer un test » (and its answer), disable or enable, a new secret, delete. */
export function ChannelActions({ channel }: { channel: { id: string; name: string; type: string; state: string } }) {
  const t = useTranslator(channelsCatalogue);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const base = `/api/admin/notification-channels/${encodeURIComponent(channel.id)}`;

  async function act(url: string, init: RequestInit, done: (data: unknown) => string | null) {
    setPending(true);
    setMessage(null);
    const outcome = await callApi(url, init);
    setPending(false);
    if (!outcome.ok) return setMessage(outcome.message);
    setMessage(done(outcome.body.data));
    router.refresh();
  }
  const json = (method: string, body?: unknown): RequestInit => ({
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const button = "rounded px-2 py-1 text-xs font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60";

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={() =>
            void act(`${base}/test`, json("POST"), (data) => {
              const answer = data as TestAnswer;
              return answer.delivered
                ? t("testSent", {
                    answer: answer.statusCode === null ? t("testQueued") : `HTTP ${answer.statusCode}`,
                    ms: answer.durationMs,
                  })
                : t("testFailed", {
                    error: answer.error ?? t("unknownError"),
                    status: answer.statusCode ? t("httpStatus", { status: answer.statusCode }) : "",
                  });
            })
          }
        >
          {t("sendTest")}
        </button>
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={() => void act(base, json("PATCH", { enabled: channel.state === "disabled" }), () => null)}
        >
          {channel.state === "disabled" ? t("enable") : t("disable")}
        </button>
        {channel.type === "webhook" && (
          <button
            type="button"
            className={button}
            disabled={pending}
            onClick={() =>
              void act(base, json("PATCH", { rotateSecret: true }), (data) => {
                setSecret((data as { secret?: string }).secret ?? null);
                return t("newSecretDone");
              })
            }
          >
            {t("newSecret")}
          </button>
        )}
        <button
          type="button"
          className={`${button} text-red-800`}
          disabled={pending}
          onClick={() => {
            if (window.confirm(t("confirmDelete", { name: channel.name }))) void act(base, json("DELETE"), () => null);
          }}
        >
          {t("delete")}
        </button>
      </div>
      <p role="status" className="text-sm text-slate-700">
        {message}
      </p>
      {secret && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          {t("newSecretShown")} <code className="break-all font-mono">{secret}</code>
        </p>
      )}
    </div>
  );
}
