import { env } from "@/lib/env";
import { receiveResendWebhook } from "@/lib/email/resend-webhook";
import { isAppError } from "@/lib/errors";
import { problem, problemResponse } from "@/lib/http/problem";
import { countUnverifiedDelivery } from "@/lib/ratelimit/limit-webhooks";

// POST /api/webhooks/resend – delivery events from Resend (delivered, delayed, bounced,
// complained, failed), signature-verified on the raw body. 400 and nothing written when the
// signature is missing, wrong or older than five minutes; a repeat of one event is a no-op 200.
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 256 * 1024;

export async function POST(request: Request) {
  if (!env.RESEND_WEBHOOK_SECRET) {
    return problem(503, "webhook_not_configured", "RESEND_WEBHOOK_SECRET is not set.");
  }
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) {
    return problem(413, "payload_too_large", "Webhook bodies are limited to 256 KB.");
  }
  try {
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
