import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native, WASM and worker-thread packages must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "nodemailer", "ical.js"],
  poweredByHeader: false,
};

export default nextConfig;
