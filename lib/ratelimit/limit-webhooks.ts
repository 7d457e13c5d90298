import { clientIp } from "@/lib/http/client-ip";
import { problem } from "@/lib/http/problem";
import { checkRateLimit, rateLimitHeaders, type LimitResult } from "./rate-limiter";

/**
 * The webhook receivers' limit (policy `webhook:unverified:ip`). Deliveries whose signature
 * verifies come from the provider and are never limited: refusing one would only delay it, and
 * they cost no Redis call. Deliveries that fail verification are counted per sending address;
 * past the limit the address is refused with 429 before its body is read, in this instance until
 * the window resets (other instances learn it on the next failure they count). Fails open like
 * other ordinary traffic.
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

/** Before reading a delivery: 429 for an address already over its limit, else null. */
export function refuseFloodingSender(request: Request, instance: string): Response | null {
  const ip = clientIp(request.headers);
  const refused = refusedUntil.get(ip);
  if (!refused) return null;
  if (refused.reset > Date.now()) return tooMany(refused, instance);
  refusedUntil.delete(ip);
  return null;
}

/** After a delivery failed verification: count it; 429 if the address is now over its limit. */
export async function countUnverifiedDelivery(
  request: Request,
  instance: string,
): Promise<Response | null> {
  const ip = clientIp(request.headers);
  const result = await checkRateLimit("webhook:unverified:ip", ip);
  if (result.success) return null;
  if (refusedUntil.size >= MAX_REMEMBERED) refusedUntil.clear();
  refusedUntil.set(ip, result);
  return tooMany(result, instance);
}
