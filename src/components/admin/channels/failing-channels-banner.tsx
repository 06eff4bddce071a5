"use client";

import Link from "next/link";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import { formatDateTime } from "../format";
import { formatMessage } from "@/server/shared/messages";

/** For admins, on the dashboard: notification channels whose receiver keeps failing. */
export function FailingChannelsBanner({
  channels,
}: {
  channels: Array<{ id: string; name: string; failingSince: string }>;
}) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  if (channels.length === 0) return null;
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {t("channelsFailingList", {
        failing: formatMessage("channelsFailing", { count: channels.length }, locale),
        list: channels
          .map((channel) =>
            t("channelSince", { name: channel.name, since: formatDateTime(channel.failingSince, locale) }),
          )
          .join(", "),
      })}{" "}
      <Link href="/admin/notifications" className="underline">
        {t("viewChannels")}
      </Link>
    </p>
  );
}
