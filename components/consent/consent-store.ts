import { useSyncExternalStore } from "react";
import {
  CONSENT_COOKIE,
  CONSENT_MAX_AGE_SECONDS,
  cookieValue,
  parseConsent,
  serializeConsent,
  type Consent,
} from "@/lib/consent/consent";

/**
 * The consent cookie as React state in the browser. On the server (and during hydration) the
 * choice is `undefined`, unknown: the banner renders only in the browser, so the cached public
 * board page's shared HTML never carries anyone's choice.
 */

const listeners = new Set<() => void>();
let cachedCookie: string | null = null;
let cachedConsent: Consent | null = null;

function snapshot(): Consent | null {
  const raw = cookieValue(document.cookie, CONSENT_COOKIE);
  if (raw !== cachedCookie) {
    cachedCookie = raw;
    cachedConsent = parseConsent(raw);
  }
  return cachedConsent;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The visitor's choice: `null` when none was made yet, `undefined` before hydration. */
export function useConsent(): Consent | null | undefined {
  return useSyncExternalStore(subscribe, snapshot, () => undefined);
}

/** Whether analytics may run right now (read at send time by the analytics `beforeSend`). */
export function analyticsAllowed(): boolean {
  return typeof document !== "undefined" && snapshot()?.analytics === true;
}

function writeCookie(choice: { analytics: boolean; marketing: boolean }) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${CONSENT_COOKIE}=${serializeConsent(choice)}; Max-Age=${CONSENT_MAX_AGE_SECONDS}; Path=/; SameSite=Lax${secure}`;
  for (const listener of listeners) listener();
}

/**
 * Record a choice in the cookie (one year) and tell every subscriber; for a signed-in user the
 * server keeps it too (a visitor's PUT is a no-op), so it follows them to another browser.
 */
export function saveConsent(choice: { analytics: boolean; marketing: boolean }) {
  writeCookie(choice);
  void fetch("/api/consent", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(choice),
    keepalive: true,
  }).catch(() => {});
}

/**
 * With no cookie yet, ask whether the signed-in user already chose elsewhere; if so, adopt that
 * choice without asking again. Resolves true when a stored choice was applied.
 */
export async function restoreConsent(): Promise<boolean> {
  try {
    const response = await fetch("/api/consent", { cache: "no-store" });
    if (!response.ok) return false;
    const { consent } = (await response.json()) as { consent: Consent | null };
    if (!consent) return false;
    writeCookie({ analytics: consent.analytics, marketing: consent.marketing });
    return true;
  } catch {
    return false;
  }
}

/** The "Cookie settings" links reopen the banner through this event. */
export const OPEN_CONSENT_EVENT = "pb:open-cookie-settings";

export function openConsentSettings() {
  window.dispatchEvent(new Event(OPEN_CONSENT_EVENT));
}
