"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";

/** « Se connecter avec … »: the company's provider (OpenID Connect), for support and admins. */
export function CompanySignInButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  const t = useTranslator(authCatalogue);
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
      className="w-full rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 disabled:opacity-60"
    >
      {t("companySignIn", { provider: label })}
    </button>
  );
}
