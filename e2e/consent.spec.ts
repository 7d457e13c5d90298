import type { Page } from "@playwright/test";
import { expect, test } from "./support";

// Cookie consent as a first-time visitor meets it on the production build: nothing non-essential
// loads before a choice, Vercel Web Analytics loads (under the CSP) only after "Accept all" and
// stops when consent is withdrawn, and the banner works from the keyboard and stays away once
// answered.
//
// next start is not Vercel, so nothing serves /_vercel/insights/*: the browser gets a small
// stand-in for Vercel's script that behaves like it where it matters here (it takes over
// `window.va`, honours `beforeSend`, and posts page views to /_vercel/insights/view).

test.use({ storageState: { cookies: [], origins: [] } });

const ANALYTICS = /\/_vercel\/insights\/|va\.vercel-scripts\.com/;

const STAND_IN_SCRIPT = `(() => {
  window.__analyticsRuns = (window.__analyticsRuns || 0) + 1;
  let filter = null;
  const va = (name, data) => {
    if (name === "beforeSend") { filter = data; return; }
    if (name !== "pageview" && name !== "event") return;
    let event = { type: name, url: location.href };
    if (filter) event = filter(event);
    if (event) fetch("/_vercel/insights/view", { method: "POST", body: JSON.stringify(event), keepalive: true });
  };
  for (const args of window.vaq || []) va(...args);
  window.va = va;
})();`;

/** Every analytics request the page makes, and the stand-in answering them. */
async function watchAnalytics(page: Page) {
  const requests: string[] = [];
  page.on("request", (request) => {
    if (ANALYTICS.test(request.url())) requests.push(`${request.method()} ${request.url()}`);
  });
  await page.route("**/_vercel/insights/script.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: STAND_IN_SCRIPT }),
  );
  await page.route("**/_vercel/insights/view", (route) => route.fulfill({ status: 200 }));
  // CSP violations, recorded from before the first script runs.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI || "inline"}`);
    });
  });
  return requests;
}

const banner = (page: Page) => page.getByRole("region", { name: "Cookies on Problemboard" });

async function consentCookie(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name === "pb_consent");
  return cookie
    ? {
        ...cookie,
        choice: JSON.parse(decodeURIComponent(cookie.value)) as Record<string, unknown>,
      }
    : undefined;
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

test("analytics loads only after Accept all, and stops once consent is withdrawn", async ({
  page,
}) => {
  const analytics = await watchAnalytics(page);

  await page.goto("/");
  await expect(banner(page)).toBeVisible();
  // Nothing is pre-ticked but what is necessary, which cannot be turned off.
  const necessary = banner(page).getByLabel("Necessary (always on)");
  await expect(necessary).toBeChecked();
  await expect(necessary).toBeDisabled();
  await expect(banner(page).getByLabel("Analytics")).not.toBeChecked();
  await expect(banner(page).getByLabel("Marketing")).not.toBeChecked();
  // "Accept all" and "Reject all" look the same: neither is the easier choice.
  const accept = banner(page).getByRole("button", { name: "Accept all" });
  const reject = banner(page).getByRole("button", { name: "Reject all" });
  expect(await accept.getAttribute("class")).toBe(await reject.getAttribute("class"));

  await settle(page);
  await page.getByRole("link", { name: "Pricing" }).first().click();
  await expect(page).toHaveURL(/\/pricing$/);
  await settle(page);
  expect(analytics, "analytics before a choice").toEqual([]);
  expect(await consentCookie(page)).toBeUndefined();

  await accept.click();
  await expect(banner(page)).toBeHidden();
  await expect
    .poll(() => analytics.some((r) => r.startsWith("GET ") && r.includes("/script.js")))
    .toBe(true);
  // The script was allowed to run under the page's nonce-based CSP, and a page view went out.
  await expect
    .poll(() => page.evaluate(() => (window as { __analyticsRuns?: number }).__analyticsRuns))
    .toBe(1);
  await expect.poll(() => analytics.some((r) => r.startsWith("POST "))).toBe(true);
  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([]);

  const cookie = await consentCookie(page);
  expect(cookie?.choice).toMatchObject({ analytics: true, marketing: true });
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.path).toBe("/");
  const oneYear = Date.now() / 1000 + 365 * 24 * 3600;
  expect(cookie!.expires).toBeGreaterThan(oneYear - 3600);
  expect(cookie!.expires).toBeLessThan(oneYear + 3600);

  // The choice holds: no banner on the next page, and analytics loads there by itself.
  analytics.length = 0;
  await page.goto("/help");
  await expect.poll(() => analytics.some((r) => r.includes("/script.js"))).toBe(true);
  await settle(page);
  await expect(banner(page)).toBeHidden();

  // Withdraw: Cookie settings in the footer reopens the banner with the current choice.
  await page.getByRole("button", { name: "Cookie settings" }).click();
  await expect(banner(page)).toBeVisible();
  await expect(banner(page).getByLabel("Analytics")).toBeChecked();
  await banner(page).getByRole("button", { name: "Reject all" }).click();
  await expect(banner(page)).toBeHidden();
  expect((await consentCookie(page))?.choice).toMatchObject({
    analytics: false,
    marketing: false,
  });

  // Navigating in the same document (the script is still in memory) sends nothing more …
  analytics.length = 0;
  await page.getByRole("link", { name: "Pricing" }).first().click();
  await expect(page).toHaveURL(/\/pricing$/);
  await settle(page);
  // … and neither would anything else that still called it.
  await page.evaluate(() => (window as { va?: (name: string) => void }).va?.("pageview"));
  await settle(page);
  // … nor does a fresh page load.
  await page.goto("/legal/privacy");
  await settle(page);
  await page.reload();
  await settle(page);
  expect(analytics, "analytics after withdrawal").toEqual([]);
  expect(await page.evaluate(() => (window as { __analyticsRuns?: number }).__analyticsRuns)).toBe(
    undefined,
  );
  await expect(banner(page)).toBeHidden();
});

test("Reject all on the first visit, from the keyboard, loads nothing and is remembered", async ({
  page,
}) => {
  const analytics = await watchAnalytics(page);
  await page.goto("/pricing");
  await expect(banner(page)).toBeVisible();

  // The banner's controls are reachable with Tab, and work with the keyboard.
  const reject = banner(page).getByRole("button", { name: "Reject all" });
  for (let presses = 0; presses < 60; presses++) {
    if (await reject.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(reject).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(banner(page)).toBeHidden();
  expect((await consentCookie(page))?.choice).toMatchObject({
    analytics: false,
    marketing: false,
  });

  for (const path of ["/", "/help", "/b/acme/feedback", "/sign-in"]) {
    await page.goto(path);
    await settle(page);
    await expect(banner(page), path).toBeHidden();
  }
  expect(analytics).toEqual([]);
});

test("Save choices keeps exactly what was ticked (keyboard only)", async ({ page }) => {
  const analytics = await watchAnalytics(page);
  await page.goto("/b/acme/feedback");
  await expect(banner(page)).toBeVisible();

  const analyticsBox = banner(page).getByLabel("Analytics");
  await analyticsBox.focus();
  await page.keyboard.press("Space");
  await expect(analyticsBox).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(banner(page).getByLabel("Marketing")).toBeFocused();
  // Tab on to "Save choices" past the two other buttons.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(banner(page).getByRole("button", { name: "Save choices" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(banner(page)).toBeHidden();
  expect((await consentCookie(page))?.choice).toMatchObject({ analytics: true, marketing: false });

  // The signed-out board page is the cached one (a CSP without a nonce): analytics runs there too.
  await expect.poll(() => analytics.some((r) => r.includes("/script.js"))).toBe(true);
  await expect
    .poll(() => page.evaluate(() => (window as { __analyticsRuns?: number }).__analyticsRuns))
    .toBe(1);
  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([]);
});
