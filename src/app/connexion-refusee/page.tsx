import Link from "next/link";
import {
  COMPANY_SIGN_IN_REFUSALS,
  COMPANY_SIGN_IN_REFUSAL_MESSAGES,
  type CompanySignInRefusal,
} from "@/server/shared/company-sign-in";

export const metadata = { title: "Connexion refusée" };

/** Where a company sign-in that is not one of our staff accounts lands: why, in words, and the way back. */
export default async function CompanySignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const reason = (await searchParams).raison;
  const known = COMPANY_SIGN_IN_REFUSALS.find((refusal) => refusal === reason);
  const refusal: CompanySignInRefusal = known ?? "unknown";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-semibold">Connexion refusée</h1>
      <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
        {COMPANY_SIGN_IN_REFUSAL_MESSAGES[refusal]}
      </p>
      <Link href="/login" className="text-sm text-blue-800 underline">
        Retour à la connexion
      </Link>
    </main>
  );
}
