import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./support";

// Security headers, the CSP nonce and the request limits, as a browser meets them on the
// production build (next start): every page and route handler carries the headers, Next.js's
// own scripts run under the nonce, and a script injected without it is refused.

const PAGES = [
  "/",
  "/pricing",
  "/sign-in",
  "/sign-up",
  "/help",
  "/legal/privacy",
  "/legal/terms",
  "/b/acme/feedback",
];
const API = ["/api/health", "/api/health/ready"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers["content-security-policy"], where).toContain("default-src 'self'");
  expect(headers["content-security-policy"], where).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], where).toContain("object-src 'none'");
  expect(headers["content-security-policy"], where).toContain("base-uri 'none'");
  // next start is a production server: HSTS is on (browsers ignore it over plain http).
  expect(headers["strict-transport-security"], where).toBe(
    "max-age=63072000; includeSubDomains; preload",
  );
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], where).toBe(
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  );
  expect(headers["cross-origin-opener-policy"], where).toBe("same-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-request-id"], where).toMatch(UUID);
  expect(headers["x-powered-by"], where).toBeUndefined();
}

/** The sources of one CSP directive. */
function sources(policy: string | undefined, directive: string): string[] {
  const found = (policy ?? "")
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return found ? found.slice(1) : [];
}

function nonceOf(policy: string | undefined): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

/** Record every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI || "inline"}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
}

/** Load a page and check its headers, its scripts' nonce and that nothing was refused. */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(response!.status(), path).toBeLessThan(400);
  const headers = response!.headers();
  expectSecurityHeaders(headers, path);
  await page.waitForLoadState("load");
  expect(await violations(page), path).toEqual([]);
  return headers;
}

test("every page carries the security headers and runs its scripts under the nonce", async ({
  page,
}) => {
  await watchViolations(page);
  for (const path of PAGES) {
    const headers = await visit(page, path);
    const policy = headers["content-security-policy"]!;
    if (path.startsWith("/b/")) {
      // The cached board page is shared HTML: no nonce, inline scripts allowed (docs/security.md).
      expect(sources(policy, "script-src"), path).toEqual(["'self'", "'unsafe-inline'"]);
      expect(nonceOf(policy), path).toBeUndefined();
      continue;
    }
    const nonce = nonceOf(policy);
    expect(nonce, path).toBeTruthy();
    expect(sources(policy, "script-src"), path).toEqual([
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
    ]);
    // Next.js put the nonce on its own scripts (the DOM hides the attribute; `.nonce` keeps it).
    const nonced = await page.evaluate(
      (value) => [...document.scripts].filter((script) => script.nonce === value).length,
      nonce!,
    );
    expect(nonced, path).toBeGreaterThan(0);
  }
});

test("a signed-in page carries them too", async ({ page }) => {
  await signIn(page, "owner@demo.problemboard.dev");
  await watchViolations(page);
  const headers = await visit(page, "/app");
  expect(nonceOf(headers["content-security-policy"])).toBeTruthy();
  // Signed in, the board is the live page, with a nonce.
  const board = await visit(page, "/b/acme/feedback");
  expect(nonceOf(board["content-security-policy"])).toBeTruthy();
});

test("route handlers carry the headers; readiness reports its checks", async ({ request }) => {
  for (const path of API) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response.headers(), path);
    expect(response.headers()["cache-control"], path).toBe("no-store");
  }
  const ready = (await (await request.get("/api/health/ready")).json()) as {
    status: string;
    checks: Record<string, { status: string }>;
  };
  expect(["ok", "degraded"]).toContain(ready.status);
  expect(ready.checks.database?.status).toBe("ok");
  expect(ready.checks.backup?.status).toBe("not_configured");
});

test("each load gets its own nonce and request id; a client's request id is replaced", async ({
  page,
  request,
}) => {
  const first = (await page.goto("/"))!.headers();
  const second = (await page.goto("/"))!.headers();
  expect(nonceOf(first["content-security-policy"])).toBeTruthy();
  expect(nonceOf(second["content-security-policy"])).not.toBe(
    nonceOf(first["content-security-policy"]),
  );
  expect(second["x-request-id"]).not.toBe(first["x-request-id"]);

  const forged = "00000000-0000-4000-8000-000000000000";
  const response = await request.get("/api/health", { headers: { "x-request-id": forged } });
  expect(response.headers()["x-request-id"]).toMatch(UUID);
  expect(response.headers()["x-request-id"]).not.toBe(forged);
});

test("an inline script injected without the nonce is refused", async ({ page }) => {
  await watchViolations(page);
  await page.goto("/");
  await page.waitForLoadState("load");
  // What a stored-XSS payload looks like: markup with an inline handler, inserted as HTML. (A
  // script element created by page.evaluate would not do: DevTools-inserted scripts count as
  // created by trusted script, which 'strict-dynamic' allows by design.)
  const result = await page.evaluate(async () => {
    const refused = new Promise<string>((resolve) =>
      document.addEventListener(
        "securitypolicyviolation",
        (event) => resolve(event.effectiveDirective),
        { once: true },
      ),
    );
    const holder = document.createElement("div");
    holder.innerHTML = '<img src="/no-such-image.png" alt="" onerror="window.__x = 1">';
    document.body.appendChild(holder);
    const directive = await Promise.race([
      refused,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000)),
    ]);
    return { x: (window as unknown as { __x?: number }).__x, directive };
  });
  expect(result.x).toBeUndefined();
  expect(result.directive).toMatch(/^script-src/);
});

test("cross-site writes, oversized bodies and oversized headers are refused", async ({
  request,
}) => {
  const crossSite = await request.put("/api/problems/prb_missing/vote", {
    headers: { origin: "https://evil.example" },
    data: { voted: true },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toMatchObject({ code: "forbidden" });

  const large = await request.put("/api/problems/prb_missing/vote", {
    headers: { "content-type": "application/json" },
    data: `{"voted":true,"padding":"${"x".repeat(1_100_000)}"}`,
  });
  expect(large.status()).toBe(413);
  expect(large.headers()["content-type"]).toContain("application/problem+json");
  expect(await large.json()).toMatchObject({ code: "payload_too_large" });

  // Node's own limit (16 KB of headers) answers before the app does.
  const huge = await request.get("/api/health", { headers: { "x-padding": "a".repeat(20_000) } });
  expect(huge.status()).toBe(431);
});
