/**
 * The visitor's cookie consent, kept in the `pb_consent` cookie (one year, SameSite=Lax, path /)
 * for everyone, signed in or not. Necessary cookies (session, CSRF, this one) need no consent;
 * analytics (Vercel Web Analytics, Sentry Session Replay) and marketing wait for an explicit yes.
 * See docs/security.md ("Cookies and consent").
 */
export const CONSENT_COOKIE = "pb_consent";
export const CONSENT_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** Bumped when the categories change, so everyone is asked again. */
export const CONSENT_VERSION = 1;

export interface Consent {
  analytics: boolean;
  marketing: boolean;
  /** When the choice was made (ISO 8601): the record of consent. */
  at: string;
}

/** The consent in a cookie value, or null when there is none (or it is unreadable or outdated). */
export function parseConsent(value: string | null | undefined): Consent | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(value));
    if (typeof parsed !== "object" || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    if (record.v !== CONSENT_VERSION) return null;
    if (typeof record.analytics !== "boolean" || typeof record.marketing !== "boolean") return null;
    const at = typeof record.at === "string" ? record.at : "";
    return { analytics: record.analytics, marketing: record.marketing, at };
  } catch {
    return null;
  }
}

/** The cookie value for a choice. */
export function serializeConsent(choice: Omit<Consent, "at">, now = new Date()): string {
  return encodeURIComponent(
    JSON.stringify({
      v: CONSENT_VERSION,
      analytics: choice.analytics,
      marketing: choice.marketing,
      at: now.toISOString(),
    }),
  );
}

/** The value of one cookie in a `document.cookie` / `Cookie` header string. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}
