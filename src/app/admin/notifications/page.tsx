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

export const metadata = { title: "Canaux de notification" };

const STATE_LABELS = { active: "Actif", failing: "En échec", disabled: "Désactivé" } as const;
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
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Canaux de notification" }]} />
      <h1 className="text-2xl font-semibold">Canaux de notification</h1>
      {failing.length > 0 && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {formatMessage("channelsFailing", { count: failing.length })} :{" "}
          {failing.map((channel) => `« ${channel.name} » depuis le ${formatDateTime(channel.failingSince)}`).join(", ")}
          . Leurs notifications attendent et repartiront dans l&apos;ordre.
        </p>
      )}
      <p className="text-sm text-slate-700">
        Le canal intégré envoie toujours les e-mails du support à l&apos;adresse <code>SUPPORT_EMAIL</code> de la
        configuration. Les canaux ci-dessous s&apos;y ajoutent : chacun reçoit les événements choisis, dans
        l&apos;ordre, une seule fois, avec des nouvelles tentatives pendant environ 24 h.
      </p>
      <NewChannelForm />
      {channels.length === 0 ? (
        <p className="text-sm text-slate-700">Aucun canal pour l&apos;instant.</p>
      ) : (
        <ul className="space-y-4" aria-label="Canaux">
          {channels.map((channel) => (
            <li key={channel.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{channel.name}</h2>
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STATE_STYLES[channel.state]}`}
                >
                  {STATE_LABELS[channel.state]}
                  {channel.state === "failing" && channel.failingSince
                    ? ` depuis le ${formatDateTime(channel.failingSince)}`
                    : ""}
                  {channel.state === "disabled" && channel.disabledReason === "gone"
                    ? " (le destinataire a répondu 410)"
                    : ""}
                </span>
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-600">Type</dt>
                <dd>{CHANNEL_TYPE_LABELS[channel.type]}</dd>
                <dt className="text-slate-600">{channel.type === "email" ? "Adresses" : "URL"}</dt>
                <dd className="break-all">
                  {channel.type === "email" ? channel.addresses.join(", ") : channel.urlMasked}
                </dd>
                <dt className="text-slate-600">Événements</dt>
                <dd>{channel.events.map((event) => channelEventLabel(event)).join(", ")}</dd>
                <dt className="text-slate-600">Fournisseurs</dt>
                <dd>{channel.providers ? channel.providers.join(", ") : "tous"}</dd>
                {channel.previousSecretUntil && (
                  <>
                    <dt className="text-slate-600">Ancien secret</dt>
                    <dd>signe encore jusqu&apos;au {formatDateTime(channel.previousSecretUntil)}</dd>
                  </>
                )}
              </dl>
              <div className="mt-3 grid gap-2">
                <ChannelActions channel={channel} />
                <EditChannelForm channel={channel} />
              </div>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <caption className="text-left font-medium">Dernières livraisons</caption>
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3">
                        Quand
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Événement
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Réponse
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Durée
                      </th>
                      <th scope="col" className="py-1">
                        Erreur
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(deliveries.get(channel.id) ?? []).length === 0 ? (
                      <tr>
                        <td colSpan={5} className="py-1 text-slate-600">
                          Aucune livraison pour l&apos;instant.
                        </td>
                      </tr>
                    ) : (
                      deliveries.get(channel.id)!.map((attempt, row) => (
                        <tr key={`${attempt.eventId}-${row}`} className="border-t border-slate-100">
                          <td className="py-1 pr-3">{formatDateTime(attempt.at)}</td>
                          <td className="py-1 pr-3">{channelEventLabel(attempt.eventType)}</td>
                          <td className="py-1 pr-3">
                            {attempt.statusCode === null
                              ? attempt.error
                                ? "—"
                                : "e-mail en file"
                              : `HTTP ${attempt.statusCode}`}
                          </td>
                          <td className="py-1 pr-3">{attempt.durationMs} ms</td>
                          <td className="py-1">{attempt.error ?? ""}</td>
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
