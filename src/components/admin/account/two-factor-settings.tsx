"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { teamCatalogue } from "@/i18n/catalogue/team";

interface Status {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}
type Enrolment = { secret: string; qrSvg: string };

const input = "rounded border border-slate-300 px-2 py-1";
const primary =
  "rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
const secondary = "rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60";
const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Two-factor, step by step: the QR code, a code to confirm it, the ten recovery codes shown once; then keep or change. */
export function TwoFactorSettings({ status, enabledLabel }: { status: Status; enabledLabel: string | null }) {
  const t = useTranslator(teamCatalogue);
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  async function call<T>(url: string, init: RequestInit): Promise<T | null> {
    setPending(true);
    setError(null);
    const outcome = await callApi<T>(url, init);
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return null;
    }
    return outcome.body.data;
  }
  const codeOf = (form: HTMLFormElement) => String(new FormData(form).get("code") ?? "");

  const errorLine = (
    <p role="alert" className="text-sm text-red-800">
      {error ?? ""}
    </p>
  );

  if (codes)
    return (
      <div className="space-y-3">
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("recoveryCodesNotice")}</p>
          <ul data-testid="recovery-codes" className="mt-2 grid max-w-sm grid-cols-2 gap-1 font-mono">
            {codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </div>
        <button
          type="button"
          className={primary}
          onClick={() => {
            setCodes(null);
            router.push("/admin");
            router.refresh();
          }}
        >
          {t("codesNoted")}
        </button>
      </div>
    );

  if (!status.enabled)
    return enrolment ? (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">{t("scanQr")}</p>
        <div
          role="img"
          aria-label={t("qrLabel")}
          className="h-48 w-48 bg-white"
          // The SVG is the server's rendering of the otpauth URI by `qrcode`: paths only, no script.
          dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
        />
        <p className="text-sm">
          {t("key")}{" "}
          <code data-testid="totp-secret" className="font-mono break-all">
            {enrolment.secret}
          </code>
        </p>
        <form
          className="flex flex-wrap items-end gap-3 text-sm"
          onSubmit={async (event) => {
            event.preventDefault();
            const data = await call<{ recoveryCodes: string[] }>(
              "/api/me/two-factor/confirm",
              post({ code: codeOf(event.currentTarget) }),
            );
            if (data) setCodes(data.recoveryCodes);
          }}
        >
          <label className="grid gap-1">
            {t("sixDigits")}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              maxLength={6}
              className={input}
            />
          </label>
          <button type="submit" disabled={pending} className={primary}>
            {t("confirm")}
          </button>
        </form>
        {errorLine}
      </div>
    ) : (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">{status.required ? t("requiredEnrol") : t("whatItIs")}</p>
        <button
          type="button"
          disabled={pending}
          className={primary}
          onClick={async () => {
            const data = await call<Enrolment>("/api/me/two-factor/enrolment", { method: "POST" });
            if (data) setEnrolment(data);
          }}
        >
          {t("turnOn")}
        </button>
        {errorLine}
      </div>
    );

  return (
    <div className="space-y-4">
      <p className="text-sm">{t("enabledSince", { since: enabledLabel ?? "—", left: status.recoveryCodesLeft })}</p>
      <form
        aria-labelledby={`${id}-manage`}
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={async (event) => {
          event.preventDefault();
          const action = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
          const code = codeOf(event.currentTarget);
          if (action === "disable") {
            const data = await call<Status>("/api/me/two-factor", { ...post({ code }), method: "DELETE" });
            if (data) router.refresh();
            return;
          }
          const data = await call<{ recoveryCodes: string[] }>("/api/me/two-factor/recovery-codes", post({ code }));
          if (data) setCodes(data.recoveryCodes);
        }}
      >
        <p id={`${id}-manage`} className="w-full text-slate-700">
          {status.required ? t("manageRequired") : t("manage")}
        </p>
        <label className="grid gap-1">
          {t("code")}
          <input name="code" autoComplete="one-time-code" required maxLength={40} className={input} />
        </label>
        <button type="submit" value="codes" disabled={pending} className={secondary}>
          {t("newCodes")}
        </button>
        {!status.required && (
          <button type="submit" value="disable" disabled={pending} className={`${secondary} text-red-800`}>
            {t("disable")}
          </button>
        )}
      </form>
      {errorLine}
    </div>
  );
}
