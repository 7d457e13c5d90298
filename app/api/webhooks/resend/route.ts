import { env } from "@/lib/env";
import { receiveResendWebhook } from "@/lib/email/resend-webhook";
import { isAppError } from "@/lib/errors";
import { readTextWithLimit } from "@/lib/http/body-limit";
import { problem, problemResponse } from "@/lib/http/problem";
import { countUnverifiedDelivery } from "@/lib/ratelimit/limit-webhooks";

// POST /api/webhooks/resend – delivery events from Resend (delivered, delayed, bounced,
// complained, failed), signature-verified on the raw body. 400 and nothing written when the
// signature is missing, wrong or older than five minutes; a repeat of one event is a no-op 200.
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 256 * 1024;

export async function POST(request: Request) {
  if (!env.RESEND_WEBHOOK_SECRET) {
    return problem(503, "unavailable", "RESEND_WEBHOOK_SECRET is not set.");
  }
  try {
    // Read as it streams and never past the limit: a larger body is a 413 (problemResponse).
    const body = await readTextWithLimit(request, MAX_BODY_BYTES);
    const result = await receiveResendWebhook(
      body,
      {
        id: request.headers.get("svix-id") ?? request.headers.get("webhook-id"),
        timestamp:
          request.headers.get("svix-timestamp") ?? request.headers.get("webhook-timestamp"),
        signature:
          request.headers.get("svix-signature") ?? request.headers.get("webhook-signature"),
      },
      env.RESEND_WEBHOOK_SECRET,
    );
    return Response.json(result);
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_signature") {
      const refused = await countUnverifiedDelivery(request, "/api/webhooks/resend");
      if (refused) return refused;
    }
    return problemResponse(error);
  }
}
