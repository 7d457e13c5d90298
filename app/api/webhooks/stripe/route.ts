import { receiveStripeWebhook } from "@/lib/billing/webhook";
import { isAppError } from "@/lib/errors";
import { problem, problemResponse } from "@/lib/http/problem";
import { countUnverifiedDelivery } from "@/lib/ratelimit/limit-webhooks";

// POST /api/webhooks/stripe – verify the signature on the raw body, record the event id in the
// ledger (a duplicate is acknowledged and ignored) with a processing job, and answer at once.
// The job converges the customer's state from Stripe; see lib/billing/sync.ts.
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 512 * 1024;

export async function POST(request: Request) {
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) {
    return problem(413, "payload_too_large", "Webhook bodies are limited to 512 KB.");
  }
  try {
    return Response.json(await receiveStripeWebhook(body, request.headers.get("stripe-signature")));
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_signature") {
      const refused = await countUnverifiedDelivery(request, "/api/webhooks/stripe");
      if (refused) return refused;
    }
    return problemResponse(error);
  }
}
