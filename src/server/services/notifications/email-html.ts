// The pieces every e-mail's HTML part is made of, escaped in one place.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;

export function factsTable(rows: Array<[string, string]>): string {
  const cell = 'style="border-bottom:1px solid #e2e8f0"';
  return `<table cellpadding="6" style="border-collapse:collapse">
${rows.map(([label, value]) => `<tr><th align="left" ${cell}>${escapeHtml(label)}</th><td ${cell}>${escapeHtml(value)}</td></tr>`).join("\n")}
</table>`;
}

export const link = (href: string, label: string) => `<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>`;

/** A whole HTML e-mail in `lang`: the parts given (already HTML), then the signature. */
export function emailDocument(parts: string[], signature: string, lang: string = "fr"): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><body style="font-family:system-ui,sans-serif;color:#0f172a">
${parts.join("\n")}
<p style="color:#64748b">${escapeHtml(signature)}</p>
</body></html>`;
}
