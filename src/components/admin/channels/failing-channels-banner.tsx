import Link from "next/link";
import { formatDateTime } from "../format";
import { formatMessage } from "@/server/shared/messages";

/** For admins, on the dashboard: notification channels whose receiver keeps failing. */
export function FailingChannelsBanner({
  channels,
}: {
  channels: Array<{ id: string; name: string; failingSince: string }>;
}) {
  if (channels.length === 0) return null;
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {formatMessage("channelsFailing", { count: channels.length })} :{" "}
      {channels.map((channel) => `« ${channel.name} » depuis le ${formatDateTime(channel.failingSince)}`).join(", ")}.{" "}
      <Link href="/admin/notifications" className="underline">
        Voir les canaux
      </Link>
    </p>
  );
}
