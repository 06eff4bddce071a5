import { PasswordResetForm } from "@/components/auth/password-reset-form";
import { CHOSEN_PASSWORD_MIN_LENGTH } from "@/server/services/users/users.service";

export const metadata = { title: "Choisir un nouveau mot de passe" };

// The link's token is in its fragment (#…): the browser never sends it to a server, so it is in no log; the form reads it.
export default function PasswordResetPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Choisir un nouveau mot de passe</h1>
      <PasswordResetForm minLength={CHOSEN_PASSWORD_MIN_LENGTH} />
    </main>
  );
}
