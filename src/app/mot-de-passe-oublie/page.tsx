import { PasswordResetRequestForm } from "@/components/auth/password-reset-request-form";

export const metadata = { title: "Mot de passe oublié" };

export default function ForgottenPasswordPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Mot de passe oublié</h1>
      <p className="mt-2 text-sm text-slate-600">
        Indiquez l&apos;adresse de votre compte : nous y envoyons un lien pour choisir un nouveau mot de passe.
      </p>
      <PasswordResetRequestForm />
      <a href="/login" className="mt-4 text-sm text-blue-800 underline">
        Retour à la connexion
      </a>
    </main>
  );
}
