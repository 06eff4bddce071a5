"use client";

import Link from "next/link";
import { useTranslator } from "@/i18n/locale-context";
import { shellCatalogue } from "@/i18n/catalogue/shell";
import { Fragment } from "react";

/** "Tableau de bord / Alertes calendrier / Détail": links for every step but the current one. */
export function Breadcrumbs({ trail }: { trail: Array<{ label: string; href?: string }> }) {
  const t = useTranslator(shellCatalogue);
  return (
    <nav aria-label={t("breadcrumbs")} className="text-sm text-slate-600">
      {trail.map((step, index) => (
        <Fragment key={step.label}>
          {index > 0 && " / "}
          {step.href ? (
            <Link href={step.href} className="underline">
              {step.label}
            </Link>
          ) : (
            <span aria-current="page">{step.label}</span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}
