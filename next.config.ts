import path from "node:path";
import type { NextConfig } from "next";
import { withSentryConfig } from "@sentry/nextjs/config";
import { baselineSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Next.js's own page cache, with revalidations shared by every instance through Redis when it
  // is configured (lib/cache/next-cache-handler.mjs, docs/architecture.md "Caching").
  cacheHandler: path.join(process.cwd(), "lib/cache/next-cache-handler.mjs"),
  reactStrictMode: true,
  // The new-problem form carries up to 5 images of 10 MB (lib/attachments/limits.ts). Server
  // actions elsewhere stay small: scripts/serve.mjs and proxy.ts refuse any other body over 1 MB
  // before Next.js reads it (lib/http/body-limit.ts, bodyLimitFor).
  experimental: { serverActions: { bodySizeLimit: "51mb" } },
  // Server-only packages that must not be bundled (WASM Postgres, native drivers, the Storage
  // client and its WebSocket transport).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "postgres",
    "@supabase/supabase-js",
    "ws",
  ],
  // Help and legal pages read content/ at request time (every page renders per request for its
  // CSP nonce): ship those files with the server build on hosts that trace what to deploy.
  outputFileTracingIncludes: {
    "/help": ["./content/help/**/*"],
    "/help/**": ["./content/help/**/*"],
    "/legal/**": ["./content/legal/**/*"],
  },
  // Security headers and the CSP come from proxy.ts (lib/http/security-headers.ts). The proxy
  // does not run for build assets and public/ files, so the headers that need no nonce go on
  // every response from here too (the proxy sets the same values on what it handles). Server
  // actions need no `experimental.serverActions.allowedOrigins`: Next.js compares Origin with
  // Host / X-Forwarded-Host itself, and proxy.ts refuses a foreign Origin (APP_URL's only).
  async headers() {
    const headers = baselineSecurityHeaders(process.env.NODE_ENV === "production");
    return [
      {
        source: "/:path*",
        headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

// Sentry's build step (lib/observability, docs/monitoring.md): injects the release into the bundles
// and, only when SENTRY_AUTH_TOKEN is set (with SENTRY_ORG and SENTRY_PROJECT), uploads source maps
// and creates the release. Without a token nothing is uploaded or contacted, and it never sends
// the plugin's own telemetry. (An ESM config cannot import withSentryConfig from "@sentry/nextjs".)
const uploadSourceMaps = Boolean(process.env.SENTRY_AUTH_TOKEN);
const release = process.env.SENTRY_RELEASE || process.env.VERCEL_GIT_COMMIT_SHA || undefined;

export default withSentryConfig(nextConfig, {
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN,
  telemetry: false,
  silent: !process.env.CI,
  sourcemaps: uploadSourceMaps ? { deleteSourcemapsAfterUpload: true } : { disable: true },
  release: {
    ...(release ? { name: release } : {}),
    create: uploadSourceMaps,
    finalize: uploadSourceMaps,
  },
});
