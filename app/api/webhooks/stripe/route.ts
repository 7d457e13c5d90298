import { receiveStripeWebhook } from "@/lib/billing/webhook";
import { isAppError } from "@/lib/errors";
import { readTextWithLimit } from "@/lib/http/body-limit";
import { problemResponse } from "@/lib/http/problem";
import { countUnverifiedDelivery } from "@/lib/ratelimit/limit-webhooks";

// POST /api/webhooks/stripe – verify the signature on the raw body, record the event id in the
// ledger (a duplicate is acknowledged and ignored) with a processing job, and answer at once.
// The job converges the customer's state from Stripe; see lib/billing/sync.ts.
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 512 * 1024;

export async function POST(request: Request) {
  try {
    // Read as it streams and never past the limit: a larger body is a 413 (problemResponse).
    const body = await readTextWithLimit(request, MAX_BODY_BYTES);
    return Response.json(await receiveStripeWebhook(body, request.headers.get("stripe-signature")));
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_signature") {
      const refused = await countUnverifiedDelivery(request, "/api/webhooks/stripe");
      if (refused) return refused;
    }
    return problemResponse(error);
  }
}
