import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exceedsBodyLimit, MAX_BODY_BYTES } from "@/lib/http/body-limit";
import {
  contentSecurityPolicy,
  createNonce,
  securityHeaders,
  securityOptionsFromEnv,
  type SecurityPolicyOptions,
} from "@/lib/http/security-headers";
import { proxy } from "@/proxy";

const base: SecurityPolicyOptions = {
  nonce: "bm9uY2Utbm9uY2Utbm9uY2U=",
  development: false,
  production: true,
  https: true,
};

/** Directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function request(path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) {
  return new NextRequest(new URL(path, "http://localhost:3000"), init);
}

/** The request headers proxy.ts passes on to the app (Next.js encodes them on the response). */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

const EVERY_RESPONSE = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "x-frame-options",
  "x-request-id",
];

describe("content security policy", () => {
  it("allows scripts only with the request's nonce and locks down everything else", () => {
    const policy = directives(contentSecurityPolicy(base));
    expect(policy.get("script-src")).toEqual([
      "'self'",
      `'nonce-${base.nonce}'`,
      "'strict-dynamic'",
    ]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("font-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual([
      "'self'",
      "https://checkout.stripe.com",
      "https://billing.stripe.com",
    ]);
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("adds eval only in development, and upgrades requests only in production on https", () => {
    const dev = directives(
      contentSecurityPolicy({ ...base, development: true, production: false, https: false }),
    );
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.has("upgrade-insecure-requests")).toBe(false);
    const httpProduction = directives(contentSecurityPolicy({ ...base, https: false }));
    expect(httpProduction.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets the browser reach the Sentry ingest origin and post forms to the Stripe emulator", () => {
    const policy = directives(
      contentSecurityPolicy({
        ...base,
        sentryDsn: "https://public@o42.ingest.sentry.io/7",
        stripeApiUrl: "http://127.0.0.1:12111/v1",
      }),
    );
    expect(policy.get("connect-src")).toEqual(["'self'", "https://o42.ingest.sentry.io"]);
    // Session Replay's compression worker; without a DSN there is no worker-src at all.
    expect(policy.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(directives(contentSecurityPolicy(base)).has("worker-src")).toBe(false);
    expect(policy.get("form-action")).toContain("http://127.0.0.1:12111");
    // The DSN's key is not an origin and never appears in a header.
    expect(
      contentSecurityPolicy({ ...base, sentryDsn: "https://public@o42.ingest.sentry.io/7" }),
    ).not.toContain("public@");
  });

  it("gives a shared page inline scripts instead of a nonce", () => {
    const policy = directives(contentSecurityPolicy({ ...base, nonce: null }));
    expect(policy.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("sends HSTS in production only", () => {
    expect(securityHeaders(base)["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains; preload",
    );
    expect(securityHeaders({ ...base, production: false })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });

  it("reads the deployment's settings from the environment", () => {
    expect(
      securityOptionsFromEnv({
        NODE_ENV: "production",
        APP_URL: "https://app.problemboard.dev",
        NEXT_PUBLIC_SENTRY_DSN: undefined,
        STRIPE_API_URL: undefined,
      }),
    ).toMatchObject({ production: true, development: false, https: true });
  });
});

describe("body limit", () => {
  it("refuses a declared length over 1 MB and ignores missing or malformed ones", () => {
    expect(exceedsBodyLimit(new Headers({ "content-length": String(MAX_BODY_BYTES) }))).toBe(false);
    expect(exceedsBodyLimit(new Headers({ "content-length": String(MAX_BODY_BYTES + 1) }))).toBe(
      true,
    );
    expect(exceedsBodyLimit(new Headers())).toBe(false);
    expect(exceedsBodyLimit(new Headers({ "content-length": "lots" }))).toBe(false);
  });
});

describe("proxy", () => {
  it("puts every security header and a request id on a page response", () => {
    const response = proxy(request("/pricing"));
    for (const name of EVERY_RESPONSE) expect(response.headers.get(name), name).toBeTruthy();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("permissions-policy")).toBe(
      "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
  });

  it("covers route handlers too", () => {
    const response = proxy(request("/api/problems/prb_1/vote", { method: "PUT" }));
    for (const name of EVERY_RESPONSE) expect(response.headers.get(name), name).toBeTruthy();
  });

  it("hands Next.js the same nonce it sends, and a fresh one per request", () => {
    const first = proxy(request("/"));
    const second = proxy(request("/"));
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toBeTruthy();
    expect(nonceOf(forwarded(first, "content-security-policy"))).toBe(nonce);
    expect(forwarded(first, "x-nonce")).toBe(nonce);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
  });

  it("replaces a request id and a nonce the client sent", () => {
    const forged = "11111111-1111-4111-8111-111111111111";
    const response = proxy(
      request("/", {
        headers: {
          "x-request-id": forged,
          "x-nonce": "attacker",
          "content-security-policy": "script-src *",
        },
      }),
    );
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe(forged);
    expect(forwarded(response, "x-request-id")).toBe(id);
    expect(forwarded(response, "x-nonce")).not.toBe("attacker");
    expect(forwarded(response, "content-security-policy")).toContain("'strict-dynamic'");
    expect(proxy(request("/")).headers.get("x-request-id")).not.toBe(id);
  });

  it("tells the app the client address it derived, never one the client sent", () => {
    // The chain as `npm start`'s server writes it at TRUSTED_PROXY_HOPS=0: the socket alone.
    const response = proxy(
      request("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "x-forwarded-for": "198.51.100.4", "x-pb-client-ip": "6.6.6.6" },
      }),
    );
    expect(forwarded(response, "x-pb-client-ip")).toBe("198.51.100.4");
  });

  it("answers 413 problem+json for a declared body over 1 MB, without reading it", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const large = request("/api/problems/prb_1/vote", {
      method: "PUT",
      headers: { "content-length": String(2 * 1024 * 1024), "content-type": "application/json" },
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const response = proxy(large);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pulled).toBe(false);
    expect(large.bodyUsed).toBe(false);
  });

  it("lets a body of exactly 1 MB through", () => {
    const response = proxy(
      request("/api/problems/prb_1/vote", {
        method: "PUT",
        headers: { "content-length": String(MAX_BODY_BYTES) },
      }),
    );
    expect(response.status).not.toBe(413);
  });

  it("rewrites a signed-out board visit to the cached page with the no-nonce policy", () => {
    const response = proxy(request("/b/acme/feedback"));
    expect(response.headers.get("x-middleware-rewrite")).toBe(
      "http://localhost:3000/b/acme/feedback/cached",
    );
    const policy = directives(response.headers.get("content-security-policy") ?? "");
    expect(policy.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(forwarded(response, "content-security-policy")).not.toContain("nonce-");
    expect(forwarded(response, "x-nonce")).toBeNull();
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("keeps the nonce policy on the live board (session cookie or a query)", () => {
    for (const live of [
      proxy(request("/b/acme/feedback", { headers: { cookie: "pb.session_token=abc" } })),
      proxy(request("/b/acme/feedback?sort=new")),
      proxy(request("/b/acme/feedback/p/prb_1")),
    ]) {
      expect(live.headers.get("x-middleware-rewrite")).toBeNull();
      expect(nonceOf(live.headers.get("content-security-policy"))).toBeTruthy();
    }
  });
});

describe("SECURITY_HEADERS=off (the benchmark's proxy-cost run)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function proxyWith(appUrl: string) {
    vi.stubEnv("SECURITY_HEADERS", "off");
    vi.stubEnv("APP_URL", appUrl);
    vi.resetModules();
    return (await import("@/proxy")).proxy;
  }

  it("skips the header work on a loopback APP_URL, keeping the body limit and board rewrite", async () => {
    const bare = await proxyWith("http://127.0.0.1:3100");
    const response = bare(request("/pricing"));
    for (const name of EVERY_RESPONSE) expect(response.headers.get(name), name).toBeNull();
    expect(bare(request("/b/acme/feedback")).headers.get("x-middleware-rewrite")).toContain(
      "/b/acme/feedback/cached",
    );
    const large = request("/api/x", {
      method: "POST",
      headers: { "content-length": String(MAX_BODY_BYTES + 1) },
    });
    expect(bare(large).status).toBe(413);
  });

  it("is ignored anywhere else: a deployment always sends its headers", async () => {
    const guarded = await proxyWith("https://feedback.example.com");
    const response = guarded(request("/pricing"));
    for (const name of EVERY_RESPONSE) expect(response.headers.get(name), name).toBeTruthy();
  });
});
