"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./call-api";

/**
 * A button's call to our API that changes something on the page: pending while it runs, the French message when it
 * fails, and the page's server data read again when it succeeds. `run` answers whether it succeeded.
 */
export function useApiAction(): {
  pending: boolean;
  error: string | null;
  run: (url: string, init: RequestInit) => Promise<boolean>;
} {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(url: string, init: RequestInit): Promise<boolean> {
    setPending(true);
    setError(null);
    const outcome = await callApi(url, init);
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return false;
    }
    router.refresh();
    return true;
  }
  return { pending, error, run };
}
