/** The Strict-Transport-Security header for an app served at `appUrl` (NEXTAUTH_URL): only behind TLS. */
export function strictTransportSecurity(appUrl: string): string | null {
  return new URL(appUrl).protocol === "https:" ? "max-age=31536000; includeSubDomains" : null;
}
