"use client";

import { useApiAction } from "../../use-api-action";

/** « Révoquer »: the key stops working at its next request. */
export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const { pending, error, run } = useApiAction();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Révoquer la clé « ${name} » ? La plateforme qui l'utilise ne pourra plus appeler l'API.`))
            void run(`/api/admin/api-keys/${encodeURIComponent(keyId)}`, { method: "DELETE" });
        }}
        className="rounded px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
      >
        Révoquer <span className="sr-only">la clé {name}</span>
      </button>
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </span>
  );
}
