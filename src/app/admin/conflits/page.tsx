import Link from "next/link";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { ValidationError } from "@/server/errors";
import {
  listConflictListings,
  listConflicts,
  type ConflictPage,
} from "@/server/services/read-models/read-models.service";
import { conflictHeadline, conflictPeriod, nightsText, untilFirstNight } from "@/server/shared/conflict-words";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { CleanGetForm } from "@/components/admin/clean-get-form";
import { formatDateTime } from "@/components/admin/format";
import { requestTime } from "@/server/request-time";

export const metadata = { title: "Doubles réservations" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");
const STATUS_LABELS = { open: "Ouverts", resolved: "Résolus", dismissed: "Pas un conflit", all: "Tous" } as const;
const RESOLUTION_LABEL = (status: string, resolution: string | null) =>
  status === "open"
    ? "Ouvert"
    : status === "dismissed"
      ? `Pas un conflit : ${resolution ?? ""}`
      : `Résolu : ${resolution ?? ""}`;

export default async function ConflictsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])),
  ).toString();
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, `/admin/conflits${query ? `?${query}` : ""}`);
  const renderedAt = await requestTime();
  const values = {
    status: one(params.status) || "open",
    certainty: one(params.certainty),
    listingId: one(params.listingId),
    from: one(params.from),
    to: one(params.to),
  };
  const conflictListings = await listConflictListings(ctx);
  let page: ConflictPage | null = null;
  let filterError: string | null = null;
  try {
    // listConflicts validates every filter: a bad one is shown, never a 500.
    page = await listConflicts(ctx, {
      ...values,
      certainty: (values.certainty || undefined) as "certain" | undefined,
      status: values.status as "open",
      listingId: values.listingId || undefined,
      from: values.from || undefined,
      to: values.to || undefined,
      cursor: one(params.cursor) || undefined,
      limit: 25,
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    filterError = `Filtres invalides : ${error.message}`;
  }
  const next = page?.meta.nextCursor
    ? `/admin/conflits?${new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, value]) => value)), cursor: page.meta.nextCursor }).toString()}`
    : null;
  return (
    <main className="space-y-5">
      <Breadcrumbs trail={[{ label: "Tableau de bord", href: "/admin" }, { label: "Doubles réservations" }]} />
      <h1 className="text-2xl font-semibold">Doubles réservations</h1>
      <p className="text-sm text-slate-700">
        Deux séjours d&apos;une même annonce, importés de deux calendriers différents, qui partagent au moins une nuit à
        venir. « Double réservation » : deux réservations. « Probable » : une réservation et une période fermée sans
        détail à des dates différentes.
      </p>
      <CleanGetForm
        action="/admin/conflits"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          Statut
          <select name="status" defaultValue={values.status} className="rounded border border-slate-300 px-2 py-1">
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Certitude
          <select
            name="certainty"
            defaultValue={values.certainty}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">Toutes</option>
            <option value="certain">Double réservation</option>
            <option value="probable">Probable</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Annonce
          <select
            name="listingId"
            defaultValue={values.listingId}
            className="max-w-[16rem] rounded border border-slate-300 px-2 py-1"
          >
            <option value="">Toutes</option>
            {conflictListings.map((listing) => (
              <option key={listing.id} value={listing.id}>
                {listing.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Nuits du
          <input
            type="date"
            name="from"
            defaultValue={values.from}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          au
          <input type="date" name="to" defaultValue={values.to} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-900">
          Filtrer
        </button>
      </CleanGetForm>
      {filterError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {filterError}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Doubles réservations</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                Annonce
              </th>
              <th scope="col" className="px-3 py-2">
                Type
              </th>
              <th scope="col" className="px-3 py-2">
                Nuits en commun
              </th>
              <th scope="col" className="px-3 py-2">
                Plateformes
              </th>
              <th scope="col" className="px-3 py-2">
                État
              </th>
              <th scope="col" className="px-3 py-2">
                Détecté le
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page?.data.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-600">
                  Aucun conflit pour ces filtres.
                </td>
              </tr>
            )}
            {page?.data.map((conflict) => (
              <tr key={conflict.id} data-testid="conflict-row">
                <td className="px-3 py-2">
                  <Link
                    href={`/admin/conflits/${conflict.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {conflict.listingTitle}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {conflictHeadline({
                    certainty: conflict.certainty,
                    providers: [conflict.stays[0].provider, conflict.stays[1].provider],
                  })}
                </td>
                <td className="px-3 py-2">
                  {nightsText(conflict.nights)} {conflictPeriod(conflict.firstNight, conflict.lastNight)}
                  {conflict.status === "open" && (
                    <span className="ml-1 font-semibold text-red-800">
                      ({untilFirstNight(conflict.firstNight, renderedAt)})
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {conflict.stays[0].provider} et {conflict.stays[1].provider}
                </td>
                <td className="px-3 py-2">{RESOLUTION_LABEL(conflict.status, conflict.resolution)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(conflict.detectedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <Link href={next} className="inline-block text-sm font-medium text-blue-800 underline-offset-2 hover:underline">
          Page suivante
        </Link>
      )}
    </main>
  );
}
