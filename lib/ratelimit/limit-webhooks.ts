import { clientIp } from "@/lib/http/client-ip";
import { problem } from "@/lib/http/problem";
import { checkRateLimit, rateLimitHeaders } from "./rate-limiter";

/**
 * The webhook receivers' limit (policy `webhook:ip`), checked before the body is read or its
 * signature verified, so a flood of forged deliveries costs one Redis call each. Returns the 429
 * to answer, or null. Fails open like other ordinary traffic: a Redis outage never drops events.
 */
export async function refuseWebhookFlood(request: Request, instance: string) {
  const result = await checkRateLimit("webhook:ip", clientIp(request.headers));
  if (result.success) return null;
  const response = problem(
    429,
    "rate_limited",
    "Too many webhook deliveries from this address. Retry later.",
    instance,
  );
  for (const [name, value] of Object.entries(rateLimitHeaders(result))) {
    response.headers.set(name, value);
  }
  return response;
}
