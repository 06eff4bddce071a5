"use client";

import type { FormEvent, ReactNode } from "react";

const DEFAULTS: Record<string, string> = { status: "open", sort: "attempts" };

/** A GET form that leaves empty and default fields out of the URL, so shared links stay short and readable. */
export function CleanGetForm({
  action,
  className,
  children,
}: {
  action: string;
  className?: string;
  children: ReactNode;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const fields = Array.from(event.currentTarget.elements) as HTMLInputElement[];
    const skipped = fields.filter(
      (field) => field.name && (field.value === "" || DEFAULTS[field.name] === field.value),
    );
    for (const field of skipped) field.disabled = true;
    // Re-enabled after the browser has read the form, so the fields keep working if navigation is cancelled.
    setTimeout(() => skipped.forEach((field) => (field.disabled = false)), 0);
  }
  return (
    <form method="get" action={action} onSubmit={onSubmit} className={className}>
      {children}
    </form>
  );
}
