"use client";

import { useApiAction } from "../../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { integrationsCatalogue } from "@/i18n/catalogue/integrations";

/** « Révoquer »: the key stops working at its next request. */
export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslator(integrationsCatalogue);
  const { pending, error, run } = useApiAction();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          if (window.confirm(t("confirmRevoke", { name })))
            void run(`/api/admin/api-keys/${encodeURIComponent(keyId)}`, { method: "DELETE" });
        }}
        className="rounded px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
      >
        {t("revoke")} <span className="sr-only">{t("revokeKey", { name })}</span>
      </button>
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </span>
  );
}
