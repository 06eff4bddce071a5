import { requirePageContext } from "@/server/auth/page-session";
import { ADMIN_ROLES } from "@/server/auth/roles";
import { listChannels, listLatestDeliveriesByChannel } from "@/server/services/notifications/notifications.service";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { formatDateTime } from "@/components/admin/format";
import { NewChannelForm } from "@/components/admin/channels/new-channel-form";
import { ChannelActions } from "@/components/admin/channels/channel-actions";
import { EditChannelForm } from "@/components/admin/channels/edit-channel-form";
import { CHANNEL_TYPE_LABELS, channelEventLabel } from "@/components/admin/channels/channel-labels";
import { formatMessage } from "@/server/shared/messages";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { channelsCatalogue } from "@/i18n/catalogue/channels";

export async function generateMetadata() {
  return { title: (await pageTranslator(channelsCatalogue))("title") };
}

const STATE_LABELS = { active: "state.active", failing: "state.failing", disabled: "state.disabled" } as const;
const STATE_STYLES = {
  active: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failing: "bg-red-50 text-red-900 ring-red-200",
  disabled: "bg-slate-100 text-slate-700 ring-slate-300",
} as const;

export default async function NotificationChannelsPage() {
  const { ctx } = await requirePageContext(ADMIN_ROLES, "/admin/notifications");
  const channels = await listChannels(ctx);
  const deliveries = await listLatestDeliveriesByChannel(ctx, { perChannel: 10 });
  const failing = channels.filter((channel) => channel.state === "failing");
  const locale = await getPageLocale();
  const t = await pageTranslator(channelsCatalogue);
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: t("dashboard"), href: "/admin" }, { label: t("title") }]} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {failing.length > 0 && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t("failingNotice", {
            failing: formatMessage("channelsFailing", { count: failing.length }, locale),
            list: failing
              .map((channel) =>
                t("channelSince", { name: channel.name, since: formatDateTime(channel.failingSince, locale) }),
              )
              .join(", "),
          })}
        </p>
      )}
      <p className="text-sm text-slate-700">{t("intro", { variable: "SUPPORT_EMAIL" })}</p>
      <NewChannelForm />
      {channels.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noChannel")}</p>
      ) : (
        <ul className="space-y-4" aria-label={t("channelsList")}>
          {channels.map((channel) => (
            <li key={channel.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{channel.name}</h2>
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STATE_STYLES[channel.state]}`}
                >
                  {t(STATE_LABELS[channel.state])}
                  {channel.state === "failing" && channel.failingSince
                    ? t("failingSince", { since: formatDateTime(channel.failingSince, locale) })
                    : ""}
                  {channel.state === "disabled" && channel.disabledReason === "gone" ? t("gone") : ""}
                </span>
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-600">{t("type")}</dt>
                <dd>{t(CHANNEL_TYPE_LABELS[channel.type])}</dd>
                <dt className="text-slate-600">{channel.type === "email" ? t("addresses") : t("url")}</dt>
                <dd className="break-all">
                  {channel.type === "email" ? channel.addresses.join(", ") : channel.urlMasked}
                </dd>
                <dt className="text-slate-600">{t("events")}</dt>
                <dd>{channel.events.map((event) => channelEventLabel(event, t)).join(", ")}</dd>
                <dt className="text-slate-600">{t("providers")}</dt>
                <dd>{channel.providers ? channel.providers.join(", ") : t("allProviders")}</dd>
                {channel.previousSecretUntil && (
                  <>
                    <dt className="text-slate-600">{t("previousSecret")}</dt>
                    <dd>{t("previousSecretUntil", { until: formatDateTime(channel.previousSecretUntil, locale) })}</dd>
                  </>
                )}
              </dl>
              <div className="mt-3 grid gap-2">
                <ChannelActions channel={channel} />
                <EditChannelForm channel={channel} />
              </div>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <caption className="text-left font-medium">{t("lastDeliveries")}</caption>
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3">
                        {t("colWhen")}
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        {t("colEvent")}
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        {t("colAnswer")}
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        {t("colDuration")}
                      </th>
                      <th scope="col" className="py-1">
                        {t("colError")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(deliveries.get(channel.id) ?? []).length === 0 ? (
                      <tr>
                        <td colSpan={5} className="py-1 text-slate-600">
                          {t("noDelivery")}
                        </td>
                      </tr>
                    ) : (
                      deliveries.get(channel.id)!.map((attempt, row) => (
                        <tr key={`${attempt.eventId}-${row}`} className="border-t border-slate-100">
                          <td className="py-1 pr-3">{formatDateTime(attempt.at, locale)}</td>
                          <td className="py-1 pr-3">{channelEventLabel(attempt.eventType, t)}</td>
                          <td className="py-1 pr-3">
                            {attempt.statusCode === null
                              ? attempt.error
                                ? "—"
                                : t("emailQueued")
                              : `HTTP ${attempt.statusCode}`}
                          </td>
                          <td className="py-1 pr-3">{attempt.durationMs} ms</td>
                          <td translate="no" className="py-1">
                            {attempt.error ?? ""}
                          </td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
