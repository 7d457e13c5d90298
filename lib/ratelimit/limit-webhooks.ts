import { clientIp } from "@/lib/http/client-ip";
import { problem } from "@/lib/http/problem";
import { checkRateLimit, rateLimitHeaders, type LimitResult } from "./rate-limiter";

/**
 * The webhook receivers' limit (policy `webhook:unverified:ip`). The signature is always checked
 * first: a delivery whose signature verifies comes from the provider and is never limited, from
 * whatever address and however many forgeries came from it (refusing it would only delay a real
 * event; it costs no Redis call). Only deliveries that fail verification are counted, per sending
 * address; past the limit they get 429 instead of 400, in this instance without another Redis
 * call until the window resets. Fails open like other ordinary traffic.
 */
const refusedUntil = new Map<string, LimitResult>();
const MAX_REMEMBERED = 10_000;

function tooMany(result: LimitResult, instance: string): Response {
  const response = problem(
    429,
    "rate_limited",
    "Too many webhook deliveries with invalid signatures from this address. Retry later.",
    instance,
  );
  for (const [name, value] of Object.entries(rateLimitHeaders(result))) {
    response.headers.set(name, value);
  }
  return response;
}

/** After a delivery failed verification: count it; 429 if the address is now over its limit. */
export async function countUnverifiedDelivery(
  request: Request,
  instance: string,
): Promise<Response | null> {
  const ip = clientIp(request.headers);
  const known = refusedUntil.get(ip);
  if (known && known.reset > Date.now()) return tooMany(known, instance);
  refusedUntil.delete(ip);
  const result = await checkRateLimit("webhook:unverified:ip", ip);
  if (result.success) return null;
  if (refusedUntil.size >= MAX_REMEMBERED) refusedUntil.clear();
  refusedUntil.set(ip, result);
  return tooMany(result, instance);
}
