import { usingStripeEmulator } from "@/lib/billing/stripe";

export const TEST_MODE_TEXT =
  "Test mode: payments go to the local Stripe emulator. No real money moves.";

/**
 * A thin bar across the top of every page while billing runs on the local Stripe emulator
 * (`npm run dev`, the e2e suite), so no one mistakes a checkout there for a real payment.
 * Renders nothing against real Stripe. A `note`, not a live region: it is part of the page,
 * not news to announce.
 *
 * Decided when the page renders: a statically prerendered page shows the bar only if it was
 * built with STRIPE_API_URL set (`next dev` renders every request, so it always matches).
 */
export function TestModeBanner() {
  if (!usingStripeEmulator()) return null;
  return (
    <div
      role="note"
      className="bg-amber-300 px-4 py-1 text-center text-xs font-medium text-amber-950 dark:bg-amber-400"
    >
      {TEST_MODE_TEXT}
    </div>
  );
}
