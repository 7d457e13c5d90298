// npm run stripe:emulator – a local Stripe for development and tests (dev tooling; see
// docs/runbooks/stripe-emulator.md and DESIGN.md §2). The real `stripe` SDK talks to it.
//
//   PORT=12111 STRIPE_EMULATOR_WEBHOOK_URL=http://127.0.0.1:3000/api/webhooks/stripe \
//     STRIPE_WEBHOOK_SECRET=whsec_… STRIPE_EMULATOR_STATE_FILE=.data/stripe-emulator.json \
//     npm run stripe:emulator
//
// Every variable is optional. Stops cleanly on Ctrl-C / SIGTERM.
import { startStripeEmulator, type StripeEmulator } from "./lib/stripe-emulator/index";

const port = Number(process.env.PORT || "12111");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
  process.exit(2);
}

let emulator: StripeEmulator;
try {
  emulator = await startStripeEmulator({
    port,
    webhookUrl: process.env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || undefined,
    stateFile: process.env.STRIPE_EMULATOR_STATE_FILE || undefined,
  });
} catch (error) {
  console.error(
    "Could not start the Stripe emulator:",
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
}

console.log(`Stripe emulator (test mode) on ${emulator.url}`);
console.log(
  process.env.STRIPE_EMULATOR_WEBHOOK_URL
    ? `Posting signed webhooks to ${process.env.STRIPE_EMULATOR_WEBHOOK_URL}`
    : "No webhook target yet: set STRIPE_EMULATOR_WEBHOOK_URL or POST /_emulator/webhook {url}",
);
console.log("Point the app at it with:");
console.log(`  STRIPE_SECRET_KEY=${emulator.secretKey}`);
console.log(`  STRIPE_API_URL=${emulator.url}`);
console.log(`  STRIPE_WEBHOOK_SECRET=${emulator.webhookSecret}`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the Stripe emulator…`);
  await emulator.close();
  process.exit(0);
}
process.on("SIGINT", (signal) => void shutdown(signal));
process.on("SIGTERM", (signal) => void shutdown(signal));
