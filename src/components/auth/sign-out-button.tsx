"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="rounded px-2 py-1 text-sm text-slate-700 underline hover:text-slate-900">
      Se déconnecter
    </button>
  );
}
