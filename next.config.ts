import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages that must not be bundled (WASM Postgres, native drivers).
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "postgres"],
  // Help and legal pages read content/ at request time (every page renders per request for its
  // CSP nonce): ship those files with the server build on hosts that trace what to deploy.
  outputFileTracingIncludes: {
    "/help": ["./content/help/**/*"],
    "/help/**": ["./content/help/**/*"],
    "/legal/**": ["./content/legal/**/*"],
  },
  // Security headers and the CSP come from proxy.ts (lib/http/security-headers.ts). Server
  // actions need no `experimental.serverActions.allowedOrigins`: Next.js compares Origin with
  // Host / X-Forwarded-Host itself, and the app is served from one origin (APP_URL).
};

export default nextConfig;
