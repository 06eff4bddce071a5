/** « Nouveau mot de passe » and its confirmation, with the rule: the invitation's and the reset's forms alike. */
export function NewPasswordFields({ email, minLength }: { email: string; minLength: number }) {
  return (
    <>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Nouveau mot de passe
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          aria-describedby="password-rule"
          className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
        <p id="password-rule" className="mt-1 text-sm text-slate-600">
          Au moins {minLength} caractères, sans votre adresse e-mail ni votre nom.
        </p>
      </div>
      <div>
        <label htmlFor="confirmation" className="block text-sm font-medium">
          Confirmer le mot de passe
        </label>
        <input
          id="confirmation"
          name="confirmation"
          type="password"
          autoComplete="new-password"
          required
          className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
      </div>
    </>
  );
}

/** The two fields' values, or the message when they differ. */
export function chosenPassword(form: FormData): { password: string } | { error: string } {
  const password = String(form.get("password") ?? "");
  return password === String(form.get("confirmation") ?? "")
    ? { password }
    : { error: "Les deux mots de passe ne sont pas identiques." };
}
