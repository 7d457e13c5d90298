// npm run stripe:sync – create or update the Stripe products and prices of the plan catalog
// (lib/billing/plans.ts), found again by lookup key. Safe to run repeatedly; see
// docs/runbooks/stripe-setup.md.
//
//   npm run stripe:sync                 # against the account of STRIPE_SECRET_KEY
//   npm run stripe:sync -- --dry-run    # print what would change, write nothing
//
// Reads .env files like Next.js does. STRIPE_API_URL (the local emulator) is honoured.
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import Stripe from "stripe";
import { syncCatalog } from "@/lib/billing/catalog-sync";

const { values } = parseArgs({
  options: { "dry-run": { type: "boolean", default: false } },
});
const dryRun = values["dry-run"];

nextEnv.loadEnvConfig(process.cwd());

const secretKey = process.env.STRIPE_SECRET_KEY?.trim();
if (!secretKey) {
  console.error(
    "STRIPE_SECRET_KEY is not set. Put the secret key of the Stripe account to sync (sk_test_… " +
      "or sk_live_…) in the environment or .env.local and run again.",
  );
  process.exit(2);
}
if (!/^(sk|rk)_(test|live)_/.test(secretKey)) {
  console.error("STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…).");
  process.exit(2);
}

const apiUrl = process.env.STRIPE_API_URL?.trim();
const base = apiUrl && URL.canParse(apiUrl) ? new URL(apiUrl) : null;
if (apiUrl && !base) {
  console.error(`STRIPE_API_URL must be a URL, got "${apiUrl}".`);
  process.exit(2);
}
const stripe = new Stripe(secretKey, {
  maxNetworkRetries: 2,
  timeout: 20_000,
  telemetry: false,
  appInfo: { name: "Problemboard stripe:sync" },
  ...(base
    ? {
        host: base.hostname,
        port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
        protocol: base.protocol === "https:" ? ("https" as const) : ("http" as const),
      }
    : {}),
});

const mode = secretKey.includes("_live_") ? "LIVE mode" : "test mode";
const target = base ? `the Stripe API at ${base.origin}` : "Stripe";
console.log(
  `${dryRun ? "Dry run: comparing" : "Syncing"} the plan catalog with ${target} (${mode})`,
);

try {
  const result = await syncCatalog(stripe, { dryRun, log: (line) => console.log(`  ${line}`) });
  const { created, updated, unchanged } = result;
  console.log(
    dryRun
      ? `Dry run: ${created.length} to create, ${updated.length} to update, ${unchanged.length} unchanged. Nothing was written.`
      : `Done: ${created.length} created, ${updated.length} updated, ${unchanged.length} unchanged.`,
  );
} catch (error) {
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    console.error(`Stripe refused STRIPE_SECRET_KEY: ${error.message}`);
  } else if (error instanceof Stripe.errors.StripeConnectionError) {
    console.error(`Could not reach ${target}: ${error.message}`);
  } else {
    console.error(
      "Catalog sync failed (what was written so far stays; running again picks up from there):",
      error instanceof Error ? error.message : error,
    );
  }
  process.exit(1);
}
