import { headers } from "next/headers";
import { clientIp } from "@/lib/http/client-ip";

/** Where an audited action came from. All null outside a request (scripts, jobs, tests). */
export interface AuditRequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const NO_REQUEST_CONTEXT: AuditRequestContext = {
  ip: null,
  userAgent: null,
  requestId: null,
};

const bounded = (value: string | null, max: number) => (value ? value.slice(0, max) : null);

/**
 * The context of a request's headers: the client address as lib/http/client-ip.ts decides it
 * (or `trustedIp`, the same address already decided by the auth route or callAuth and handed to
 * Better Auth), the user agent, and the request id the proxy assigns.
 */
export function auditContextFromHeaders(
  headers: Headers,
  trustedIp?: string | null,
): AuditRequestContext {
  const ip = trustedIp ?? (headers.has("x-forwarded-for") ? clientIp(headers) : null);
  return {
    ip: ip && ip !== "unknown" ? bounded(ip, 64) : null,
    userAgent: bounded(headers.get("user-agent"), 512),
    requestId: bounded(headers.get("x-request-id"), 128),
  };
}

/** The current request's context, or nulls when there is no request (headers() throws there). */
export async function requestAuditContext(): Promise<AuditRequestContext> {
  try {
    return auditContextFromHeaders(await headers());
  } catch {
    return NO_REQUEST_CONTEXT;
  }
}
