"use client";

import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { chosenPassword } from "./new-password-fields";
import { postJson } from "./post-json";

/**
 * A link that sets a password once (an invitation, « Mot de passe oublié »): its token read from the fragment, what the
 * server says of it (for whom, or why it no longer works), and the chosen password sent with it, then a sign-in.
 */
export function useSingleUseLink<Valid extends { state: "valid"; email: string }, Dead extends string>(options: {
  inspectPath: string;
  completePath: string;
  /** The page's own path: the used link is taken out of the address bar and the history entry. */
  pagePath: string;
  /** Why a link no longer works, by state (`unknown` included): a dead state in the server's answer is shown so. */
  deadStates: Record<Dead, string>;
}) {
  const { inspectPath, completePath, pagePath, deadStates } = options;
  const t = useTranslator(authCatalogue);
  const router = useRouter();
  const token = useRef<string | null>(null);
  const [link, setLink] = useState<Valid | { state: Dead } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const fromLink = window.location.hash.replace(/^#/, "");
    token.current = fromLink;
    void postJson(inspectPath, { token: fromLink }).then((answer) =>
      setLink(answer.ok ? (answer.data as Valid | { state: Dead }) : { state: "unknown" as Dead }),
    );
  }, [inspectPath]);

  /** The form's submit: the password checked here first, then sent; on success, signed in and sent to `callbackUrl`. */
  async function choosePassword(event: FormEvent<HTMLFormElement>, callbackUrl: string): Promise<void> {
    event.preventDefault();
    if (!link || link.state !== "valid" || !token.current) return;
    const { email } = link as Valid;
    const chosen = chosenPassword(new FormData(event.currentTarget), t);
    if ("error" in chosen) {
      setError(chosen.error);
      return;
    }
    const { password } = chosen;
    setPending(true);
    setError(null);
    const answer = await postJson(completePath, { token: token.current, password });
    if (!answer.ok) {
      setPending(false);
      const state = answer.error?.details?.state;
      if (state && state in deadStates) setLink({ state: state as Dead });
      else setError(answer.error?.message ?? t("passwordNotSaved"));
      return;
    }
    const signedIn = await signIn("credentials", { email, password, redirect: false, callbackUrl });
    window.history.replaceState(null, "", pagePath);
    router.push(signedIn && !signedIn.error ? callbackUrl : "/login");
    router.refresh();
  }

  return { link, token, error, pending, setPending, choosePassword };
}
