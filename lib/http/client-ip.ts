import { env } from "@/lib/env";

/**
 * The client's address for rate limiting. Each trusted proxy appends the address it received the
 * request from to X-Forwarded-For, so the client is TRUSTED_PROXY_HOPS entries from the right;
 * anything further left was written by the client and is ignored. Without the header (a direct
 * `next start`), Next.js fills it with the socket address. Vercel sets it to the client address.
 */
export function clientIp(headers: Headers, hops: number = env.TRUSTED_PROXY_HOPS): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = Math.max(0, entries.length - Math.max(1, hops));
  const ip = entries[index] ?? headers.get("x-real-ip") ?? "unknown";
  // Bound and normalise: this becomes part of a Redis key.
  return (
    ip
      .toLowerCase()
      .replace(/[^0-9a-f:.]/g, "")
      .slice(0, 64) || "unknown"
  );
}
