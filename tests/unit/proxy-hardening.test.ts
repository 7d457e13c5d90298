import { buildCustomRoute } from "next/dist/lib/build-custom-route";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { baselineSecurityHeaders } from "@/lib/http/security-headers";
import nextConfig from "@/next.config";
import { proxy, refuseCrossSiteAction } from "@/proxy";

const appOrigin = new URL(env.APP_URL).origin;

function post(path: string, headers: Record<string, string>) {
  return new NextRequest(new URL(path, appOrigin), {
    method: "POST",
    headers: { "content-type": "multipart/form-data; boundary=x", ...headers },
    body: "--x--",
  });
}

describe("server actions from another origin", () => {
  it("are refused with 403 problem+json before Next.js sees them", async () => {
    for (const origin of ["https://evil.example", "null", "http://localhost:9999"]) {
      const response = proxy(post("/b/acme/feedback", { "next-action": "7f00ab", origin }));
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(await response.json()).toMatchObject({ code: "forbidden", status: 403 });
      // Still a response of ours: security headers and a request id.
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    // A form posted without JavaScript names no Next-Action header; it is refused all the same.
    expect(proxy(post("/w/acme/boards/new", { origin: "https://evil.example" })).status).toBe(403);
  });

  it("let our own pages' actions, route handlers and origin-less clients through", () => {
    expect(
      refuseCrossSiteAction(
        post("/b/acme/feedback", { "next-action": "7f00ab", origin: appOrigin }),
      ),
    ).toBeNull();
    expect(refuseCrossSiteAction(post("/b/acme/feedback", { "next-action": "7f00ab" }))).toBeNull();
    // Route handlers keep their own rules (webhooks, one-click unsubscribe, Better Auth).
    expect(
      refuseCrossSiteAction(post("/api/webhooks/stripe", { origin: "https://evil.example" })),
    ).toBeNull();
    // But an action id aimed at an /api path is still an action.
    expect(
      refuseCrossSiteAction(
        post("/api/anything", { "next-action": "7f00ab", origin: "https://evil.example" }),
      ),
    ).not.toBeNull();
    const get = new NextRequest(new URL("/b/acme/feedback", appOrigin), {
      headers: { origin: "https://evil.example" },
    });
    expect(refuseCrossSiteAction(get)).toBeNull();
    expect(
      proxy(post("/b/acme/feedback", { "next-action": "7f00ab", origin: appOrigin })).status,
    ).toBe(200);
  });
});

describe("security headers on files the proxy does not run for", () => {
  it("next.config.ts headers() cover build assets, public files and pages", async () => {
    const routes = await nextConfig.headers!();
    // As Next.js compiles them into the routes manifest.
    const matching = (path: string) =>
      routes
        .map((route) => buildCustomRoute("header", route))
        .filter((route) => new RegExp(route.regex).test(path))
        .flatMap((route) => route.headers);
    for (const path of ["/_next/static/chunks/x.js", "/favicon.ico", "/fonts/geist.woff2", "/"]) {
      const headers = Object.fromEntries(matching(path).map(({ key, value }) => [key, value]));
      expect(headers["X-Content-Type-Options"], path).toBe("nosniff");
      expect(headers["Referrer-Policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["X-Frame-Options"], path).toBe("DENY");
    }
  });

  it("are the proxy's values, with HSTS in production", () => {
    const production = baselineSecurityHeaders(true);
    expect(production["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains; preload",
    );
    expect(baselineSecurityHeaders(false)).not.toHaveProperty("Strict-Transport-Security");
    const page = proxy(new NextRequest(new URL("/pricing", appOrigin)));
    for (const [name, value] of Object.entries(
      baselineSecurityHeaders(env.NODE_ENV === "production"),
    )) {
      expect(page.headers.get(name), name).toBe(value);
    }
  });
});
