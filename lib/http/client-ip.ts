import { env } from "@/lib/env";

/**
 * The request header that carries clientIp's verdict: proxy.ts sets it on every request (replacing
 * whatever a client sent under that name), the auth route and callAuth set it on what they hand
 * to Better Auth, whose `advanced.ipAddress.ipAddressHeaders` reads only it.
 */
export const CLIENT_IP_HEADER = "x-pb-client-ip";

/**
 * The client's address, for rate limits, sessions (Better Auth's `session.ipAddress`, through
 * `x-pb-client-ip`) and the audit trail: everything asks this function.
 *
 * X-Forwarded-For is a chain: what each trusted proxy appended, then the address the app's server
 * received the connection from. `npm start` / `npm run dev` (scripts/serve.mjs,
 * lib/http/request-guard.mjs) rewrite it to exactly that — the rightmost TRUSTED_PROXY_HOPS entries
 * that arrived, then the socket's address — so the client is the entry TRUSTED_PROXY_HOPS places
 * left of the last one: with no proxy (0) the socket itself; behind one proxy (1) the address that
 * proxy received the request from. On Vercel (1) the header holds only the client, which Vercel
 * writes itself. Whatever a client writes further left is never used.
 */
export function clientIp(headers: Headers, hops: number = env.TRUSTED_PROXY_HOPS): string {
  const entries = forwardedEntries(headers);
  return normalizeIp(entries[Math.max(0, entries.length - 1 - hops)]);
}

/**
 * The address the app's own server received the connection from: the last X-Forwarded-For entry,
 * which scripts/serve.mjs always writes (on Vercel, the address Vercel reports for the client).
 */
export function socketIp(headers: Headers): string {
  return normalizeIp(forwardedEntries(headers).at(-1));
}

/** Whether an address (as clientIp/socketIp return it) is this machine: 127.0.0.0/8 or ::1. */
export function isLoopbackIp(ip: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === "::1" || ip === "0:0:0:0:0:0:0:1";
}

function forwardedEntries(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Bound and normalise: this becomes part of a Redis key. `unknown` when there is none. */
function normalizeIp(entry: string | undefined): string {
  const ip = (entry ?? "")
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "")
    .replace(/[^0-9a-f:.]/g, "")
    .slice(0, 64);
  return ip || "unknown";
}
