import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the production
// build (`npm run build` first) served by `npm start` (scripts/run.ts → scripts/serve.mjs) on a
// fresh database with the local email outbox viewer enabled. CHROMIUM_PATH overrides the browser.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
// The local Sentry stand-in (scripts/lib/sentry-stand-in.ts) that the app reports errors to;
// e2e/sentry.spec.ts reads what arrived.
const sentryPort = Number(process.env.E2E_SENTRY_PORT ?? port + 80);
const sentryStandInUrl = `http://127.0.0.1:${sentryPort}`;
process.env.E2E_SENTRY_STAND_IN = sentryStandInUrl;
// Where the server writes the URL of its fresh database, for e2e/instances.spec.ts to start a
// second instance on it (a fixed path: the config is evaluated again in the test worker).
const databaseUrlFile = path.join(os.tmpdir(), `problemboard-e2e-${port}-database-url`);
process.env.E2E_DATABASE_URL_FILE = databaseUrlFile;
// Every browser starts as a visitor who already answered the cookie banner (necessary cookies
// only), so the banner does not cover what other specs click; e2e/consent.spec.ts starts without.
const consentCookie = {
  name: "pb_consent",
  value: encodeURIComponent(
    JSON.stringify({ v: 1, analytics: false, marketing: false, at: new Date().toISOString() }),
  ),
  domain: "localhost",
  path: "/",
  expires: -1,
  httpOnly: false,
  secure: false,
  sameSite: "Lax" as const,
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    // This run's own client address (as a proxy would report it: the server trusts one hop, see
    // TRUSTED_PROXY_HOPS below), so rate limits kept in a shared Redis by earlier runs never count
    // against this one.
    extraHTTPHeaders: { "x-forwarded-for": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
    storageState: { cookies: [consentCookie], origins: [] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `node_modules/.bin/tsx scripts/lib/sentry-stand-in.ts --port ${sentryPort}`,
      url: `${sentryStandInUrl}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: `node_modules/.bin/tsx scripts/run.ts start --fresh-database --port ${port} --database-url-file ${databaseUrlFile}`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        APP_URL: baseURL,
        DEV_TOOLS: "1",
        // The demo accounts sign in a few times per run, and limits kept in a shared Redis outlive
        // a run; ten times the limits keeps back-to-back runs from tripping them (loopback only).
        RATE_LIMIT_SCALE: "10",
        // Per-address and per-recipient counters of this run only (the demo addresses are fixed).
        RATE_LIMIT_PREFIX: `pb:rl:e2e-${randomBytes(4).toString("hex")}`,
        // As behind one proxy: the server keeps the last X-Forwarded-For entry that arrived (the
        // per-run address in extraHTTPHeaders above, standing for what a load balancer would
        // write) before the socket's own 127.0.0.1, and the app takes that entry as the client.
        // At the default 0 every request would be 127.0.0.1, and limits that earlier runs left in
        // a shared Redis would count against this run.
        TRUSTED_PROXY_HOPS: "1",
        BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("base64url"),
        SENTRY_DSN: `http://public@127.0.0.1:${sentryPort}/1`,
      },
    },
  ],
});
