"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Reads the page's server data again every `everyMs` and when the tab comes back into view: one refresh for all that
 * the page shows (alerts and their counts, incident banners, double bookings), so none of them lags behind the others.
 */
export function LiveRefresh({ everyMs = 30_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    const onVisible = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router, everyMs]);
  return null;
}
