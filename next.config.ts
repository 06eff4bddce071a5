import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native, WASM and worker-thread packages must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "nodemailer", "ical.js"],
  poweredByHeader: false,
  // Every page's title is in its reader's language (generateMetadata): rendered in <head> before the page, for every
  // client, rather than streamed after it (a page refreshed in place kept no title until it came, which axe reports).
  htmlLimitedBots: /.*/,
  // next dev logs each request's path: an export link's path is its token (/ical/{token}.ics), so those are left out.
  logging: { incomingRequests: { ignore: [/\/ical\//] } },
  // forbidden(): « Accès refusé » answers 403, not 200 (app/forbidden.tsx). Experimental in Next 16, used for that alone.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
