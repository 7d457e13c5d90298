"use client";

import { Analytics, type BeforeSendEvent } from "@vercel/analytics/next";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Consent } from "@/lib/consent/consent";
import { scrubString } from "@/lib/observability/sentry-scrub";
import { setReplayConsent } from "@/lib/observability/sentry-replay";
import {
  analyticsAllowed,
  OPEN_CONSENT_EVENT,
  restoreConsent,
  saveConsent,
  useConsent,
} from "./consent-store";

/** Page views only while consent holds, with credentials stripped from the URL. */
function analyticsBeforeSend(event: BeforeSendEvent): BeforeSendEvent | null {
  return analyticsAllowed() ? { ...event, url: scrubString(event.url) } : null;
}

/**
 * Cookie consent for the whole site (in the root layout): the banner on a first visit and when
 * "Cookie settings" reopens it, and the non-essential tools that wait for a yes. Vercel Web
 * Analytics is mounted and Sentry Session Replay started only while analytics is accepted; both
 * stop when it is withdrawn. Nothing non-essential loads before a choice.
 */
export function ConsentManager() {
  const consent = useConsent();
  const [reopened, setReopened] = useState(false);
  // No cookie: before asking, check whether a signed-in user chose on another device.
  const [checked, setChecked] = useState(false);
  const analytics = consent?.analytics === true;

  useEffect(() => {
    if (consent !== null || checked) return;
    let live = true;
    void restoreConsent().finally(() => {
      if (live) setChecked(true);
    });
    return () => {
      live = false;
    };
  }, [consent, checked]);

  useEffect(() => {
    const open = () => setReopened(true);
    window.addEventListener(OPEN_CONSENT_EVENT, open);
    return () => window.removeEventListener(OPEN_CONSENT_EVENT, open);
  }, []);

  useEffect(() => {
    if (consent === undefined) return;
    void setReplayConsent(analytics);
  }, [consent, analytics]);

  const close = useCallback(() => setReopened(false), []);

  return (
    <>
      {analytics ? <Analytics beforeSend={analyticsBeforeSend} /> : null}
      {(consent === null && (checked || reopened)) || (consent != null && reopened) ? (
        <ConsentBanner current={consent} reopened={reopened} onClose={close} />
      ) : null}
    </>
  );
}

function ConsentBanner({
  current,
  reopened,
  onClose,
}: {
  current: Consent | null;
  reopened: boolean;
  onClose: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [analytics, setAnalytics] = useState(current?.analytics ?? false);
  const [marketing, setMarketing] = useState(current?.marketing ?? false);

  // Opened from "Cookie settings": move focus into the banner, and back when it closes.
  useEffect(() => {
    if (!reopened) return;
    returnFocus.current = document.activeElement;
    heading.current?.focus();
    return () => {
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
  }, [reopened]);

  // While the banner shows, the page keeps room for it (--consent-banner-height, used by
  // globals.css and the sign-in layout), so it never hides the end of a page or the sign-in card.
  useEffect(() => {
    const element = section.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.setProperty("--consent-banner-height", `${element.offsetHeight}px`);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--consent-banner-height");
    };
  }, []);

  const choose = (choice: { analytics: boolean; marketing: boolean }) => {
    saveConsent(choice);
    onClose();
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && current) onClose();
      }}
      ref={section}
      className="fixed inset-x-0 bottom-0 z-50 max-h-[70dvh] overflow-y-auto border-t bg-background shadow-[0_-4px_16px_rgb(0_0_0/0.08)]"
    >
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-5 sm:px-6 lg:flex-row lg:items-end lg:justify-between lg:gap-8 lg:py-4">
        <div className="space-y-1">
          <h2
            id={`${id}-title`}
            ref={heading}
            tabIndex={-1}
            className="text-base font-semibold tracking-tight outline-none"
          >
            Cookies on Problemboard
          </h2>
          <p className="max-w-3xl text-sm text-muted-foreground">
            Necessary cookies keep you signed in and the site secure. With your permission we also
            use analytics (Vercel Web Analytics, and Sentry session replays with all text masked) to
            see how pages are used and fix problems, and marketing cookies. You can change this at
            any time under &ldquo;Cookie settings&rdquo; at the bottom of the page.{" "}
            <Link href="/legal/privacy" className="font-medium text-foreground underline">
              Privacy policy
            </Link>
          </p>
        </div>

        <div className="flex flex-col gap-4 lg:shrink-0 lg:gap-3">
          <fieldset className="flex flex-col gap-2 text-sm sm:flex-row sm:gap-6">
            <legend className="sr-only">Cookie categories</legend>
            <label className="flex items-center gap-2 text-muted-foreground">
              <input type="checkbox" checked disabled className="size-4 accent-primary" />
              Necessary (always on)
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="analytics"
                checked={analytics}
                onChange={(event) => setAnalytics(event.target.checked)}
                className="size-4 accent-primary"
              />
              Analytics
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="marketing"
                checked={marketing}
                onChange={(event) => setMarketing(event.target.checked)}
                className="size-4 accent-primary"
              />
              Marketing
            </label>
          </fieldset>

          <div className="flex flex-wrap gap-2">
            <Button onClick={() => choose({ analytics: true, marketing: true })}>Accept all</Button>
            <Button onClick={() => choose({ analytics: false, marketing: false })}>
              Reject all
            </Button>
            <Button variant="outline" onClick={() => choose({ analytics, marketing })}>
              Save choices
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}
