"use client";

import { useRouter } from "next/navigation";
import { ResolveAlertButton } from "./resolve-alert-button";

/** The detail page's "Résoudre": after resolving, the server-rendered page is refreshed in place. */
export function DetailResolve({ alertId, listingTitle }: { alertId: string; listingTitle: string }) {
  const router = useRouter();
  return <ResolveAlertButton alertId={alertId} listingTitle={listingTitle} onResolved={() => router.refresh()} />;
}
