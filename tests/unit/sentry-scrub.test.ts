import type { ErrorEvent } from "@sentry/nextjs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { REDACTED } from "@/lib/observability/redact";
import {
  beforeSend,
  isExpectedError,
  scrubBody,
  scrubBreadcrumb,
  scrubEvent,
  scrubSpan,
  scrubString,
} from "@/lib/observability/sentry-scrub";
import { sentryOptions } from "@/lib/observability/sentry-options";

const SECRETS = ["s3cr3t-cookie", "tok_abc123", "hunter2", "4242424242424242", "re_live_key"];

function event(overrides: Partial<ErrorEvent> = {}): ErrorEvent {
  return {
    type: undefined,
    event_id: "e1",
    exception: { values: [{ type: "Error", value: "boom" }] },
    ...overrides,
  };
}

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("scrubEvent", () => {
  it("drops cookies and redacts credential headers, keeping the rest", () => {
    const scrubbed = scrubEvent(
      event({
        request: {
          cookies: { session: "s3cr3t-cookie" },
          headers: {
            Cookie: "session=s3cr3t-cookie",
            authorization: "Bearer tok_abc123",
            "x-api-key": "tok_abc123",
            "stripe-signature": "t=1,v1=tok_abc123",
            "user-agent": "Mozilla/5.0",
            "x-request-id": "6f0c3f9e-3b1e-4f5e-9a57-2f0b1d1f9c2e",
          },
        },
      }),
    );
    expect(scrubbed.request?.cookies).toBeUndefined();
    expect(scrubbed.request?.headers).toEqual({
      Cookie: REDACTED,
      authorization: REDACTED,
      "x-api-key": REDACTED,
      "stripe-signature": REDACTED,
      "user-agent": "Mozilla/5.0",
      "x-request-id": "6f0c3f9e-3b1e-4f5e-9a57-2f0b1d1f9c2e",
    });
    expectNoSecrets(scrubbed);
  });

  it("replaces credential query parameters in the URL and query string, and nothing else", () => {
    const scrubbed = scrubEvent(
      event({
        request: {
          url: "https://app.example/api/auth/verify-email?token=tok_abc123&callbackURL=%2Fapp",
          query_string: "token=tok_abc123&callbackURL=%2Fapp&api_key=re_live_key",
        },
      }),
    );
    expect(scrubbed.request?.url).toBe(
      `https://app.example/api/auth/verify-email?token=${REDACTED}&callbackURL=%2Fapp`,
    );
    expect(scrubbed.request?.query_string).toBe(
      `token=${REDACTED}&callbackURL=%2Fapp&api_key=${REDACTED}`,
    );
  });

  it("redacts password, token, secret, apiKey and card fields in request bodies", () => {
    const objectBody = scrubEvent(
      event({
        request: {
          data: {
            email: "kept@example.com",
            password: "hunter2",
            nested: { apiKey: "re_live_key", card: { number: "4242424242424242" } },
            items: [{ token: "tok_abc123" }],
            secret: "tok_abc123",
          },
        },
      }),
    );
    expect(objectBody.request?.data).toEqual({
      email: "kept@example.com",
      password: REDACTED,
      nested: { apiKey: REDACTED, card: REDACTED },
      items: [{ token: REDACTED }],
      secret: REDACTED,
    });

    expect(scrubBody('{"password":"hunter2","title":"Slow board"}')).toBe(
      `{"password":"${REDACTED}","title":"Slow board"}`,
    );
    expect(scrubBody("title=Slow+board&password=hunter2&cardNumber=4242424242424242")).toBe(
      `title=Slow+board&password=${REDACTED}&cardNumber=${REDACTED}`,
    );
    // A body nobody can read field by field is not sent at all.
    expect(scrubBody("------WebKitFormBoundary\r\nhunter2")).toBe(REDACTED);
  });

  it("removes email bodies from extra data and contexts", () => {
    const scrubbed = scrubEvent(
      event({
        extra: {
          email: {
            to: "a@example.com",
            html: "<a href='/reset?token=tok_abc123'>",
            text: "hunter2",
          },
        },
        contexts: { job: { name: "email.send", payload: { html: "hunter2" } } },
      }),
    );
    expect(scrubbed.extra).toEqual({
      email: { to: "a@example.com", html: REDACTED, text: REDACTED },
    });
    expect(scrubbed.contexts).toEqual({ job: { name: "email.send", payload: { html: REDACTED } } });
  });

  it("keeps only the user's id", () => {
    const scrubbed = scrubEvent(
      event({
        user: { id: "usr_1", email: "ada@example.com", ip_address: "203.0.113.9", username: "ada" },
      }),
    );
    expect(scrubbed.user).toEqual({ id: "usr_1" });
  });

  it("scrubs credentials out of exception messages and drops local variables", () => {
    const scrubbed = scrubEvent(
      event({
        exception: {
          values: [
            {
              type: "Error",
              value:
                "fetch https://api.example/v1?access_token=tok_abc123 failed: Bearer tok_abc123",
              stacktrace: { frames: [{ function: "login", vars: { value: "hunter2" } }] },
            },
          ],
        },
      }),
    );
    const [exception] = scrubbed.exception!.values!;
    expect(exception!.value).toBe(
      `fetch https://api.example/v1?access_token=${REDACTED} failed: Bearer ${REDACTED}`,
    );
    expect(exception!.stacktrace!.frames).toEqual([{ function: "login" }]);
  });

  it("scrubs breadcrumbs on the event and does not change its input", () => {
    const input = event({
      breadcrumbs: [
        { category: "fetch", data: { url: "/api/x?token=tok_abc123", method: "GET" } },
        { category: "console", message: "Authorization: Bearer tok_abc123" },
      ],
    });
    const copy = structuredClone(input);
    const scrubbed = scrubEvent(input);
    expect(input).toEqual(copy);
    expectNoSecrets(scrubbed);
    expect(scrubbed.breadcrumbs?.[0]?.data).toEqual({
      url: `/api/x?token=${REDACTED}`,
      method: "GET",
    });
  });

  it("survives cycles and very deep objects", () => {
    const cyclic: Record<string, unknown> = { name: "a" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { password: "hunter2" };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const scrubbed = scrubEvent(event({ extra: { cyclic, deep } }));
    expect((scrubbed.extra!.cyclic as Record<string, unknown>).self).toBe(REDACTED);
    expectNoSecrets(scrubbed);
  });
});

describe("scrubString", () => {
  it("leaves ordinary text and parameters alone", () => {
    expect(scrubString("/b/acme/feedback?sort=top&page=2")).toBe(
      "/b/acme/feedback?sort=top&page=2",
    );
  });

  it("catches token variants and OAuth codes", () => {
    expect(scrubString("/cb?code=abc&state=xyz&refresh_token=r1&resetToken=r2")).toBe(
      `/cb?code=${REDACTED}&state=xyz&refresh_token=${REDACTED}&resetToken=${REDACTED}`,
    );
  });
});

describe("scrubBreadcrumb and scrubSpan", () => {
  it("scrubs navigation URLs and messages", () => {
    expect(
      scrubBreadcrumb({
        category: "navigation",
        data: { from: "/sign-in", to: "/reset-password?token=tok_abc123" },
      }),
    ).toEqual({
      category: "navigation",
      data: { from: "/sign-in", to: `/reset-password?token=${REDACTED}` },
    });
  });

  it("redacts header attributes and scrubs URLs on spans", () => {
    const span = scrubSpan({
      name: "GET /api/auth/verify-email?token=tok_abc123",
      attributes: {
        "http.request.header.cookie": "session=s3cr3t-cookie",
        "http.request.header.authorization": ["Bearer tok_abc123"],
        "url.full": "http://localhost/api/auth/verify-email?token=tok_abc123",
        "http.response.status_code": 200,
      },
    });
    expectNoSecrets(span);
    expect(span.attributes!["http.response.status_code"]).toBe(200);
  });
});

describe("expected errors", () => {
  it("drops 4xx AppErrors and Next.js control flow, reports faults and 5xx AppErrors", () => {
    expect(isExpectedError(new AppError("not_found", "No such problem"))).toBe(true);
    expect(isExpectedError(new AppError("limit_reached", "Upgrade"))).toBe(true);
    expect(isExpectedError(new AppError("unavailable", "Stripe is down"))).toBe(false);
    // An AppError from another bundle's copy of lib/errors.ts.
    const foreign = Object.assign(new Error("x"), { name: "AppError", status: 422 });
    expect(isExpectedError(foreign)).toBe(true);
    expect(
      isExpectedError(
        Object.assign(new Error("NEXT_REDIRECT"), {
          digest: "NEXT_REDIRECT;replace;/sign-in;307;",
        }),
      ),
    ).toBe(true);
    expect(
      isExpectedError(Object.assign(new Error("x"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" })),
    ).toBe(true);
    expect(isExpectedError(Object.assign(new Error("boom"), { digest: "3099130943" }))).toBe(false);
    expect(isExpectedError(new TypeError("boom"))).toBe(false);
    expect(isExpectedError("boom")).toBe(false);
  });

  it("beforeSend returns null for them and a scrubbed event otherwise", () => {
    const raw = event({ request: { headers: { cookie: "s3cr3t-cookie" } } });
    expect(beforeSend(raw, { originalException: new AppError("forbidden", "No") })).toBeNull();
    const sent = beforeSend(raw, { originalException: new Error("boom") });
    expect(sent).not.toBeNull();
    expectNoSecrets(sent);
  });
});

describe("sentryOptions", () => {
  it("never sends default PII and wires the scrubber into every hook", () => {
    const options = sentryOptions({
      dsn: "http://public@127.0.0.1:9/1",
      environment: "production",
      release: "abc123",
      tracesSampleRate: 0.1,
    });
    expect(options).toMatchObject({
      dsn: "http://public@127.0.0.1:9/1",
      environment: "production",
      release: "abc123",
      tracesSampleRate: 0.1,
      sendDefaultPii: false,
    });
    expect(
      options.beforeSend(event(), { originalException: new AppError("not_found", "x") }),
    ).toBeNull();
    expect(options.beforeBreadcrumb({ message: "Bearer tok_abc123" })).toEqual({
      message: `Bearer ${REDACTED}`,
    });
    expect("release" in sentryOptions({ dsn: "x", environment: "e", tracesSampleRate: 0 })).toBe(
      false,
    );
  });
});

describe("a failed database statement", () => {
  it("reaches Sentry without its parameter values", () => {
    const scrubbed = scrubEvent(
      event({
        exception: {
          values: [
            {
              type: "DrizzleQueryError",
              value:
                'Failed query: insert into "problems" ("body") values ($1)\nparams: my secret body\nsecond line',
            },
          ],
        },
        contexts: {
          DrizzleQueryError: { params: ["my secret body"], query: "insert …" },
          PostgresError: { parameters: ["my secret body"], code: "22021" },
        },
      }),
    );
    expect(JSON.stringify(scrubbed)).not.toContain("secret body");
    expect(scrubbed.exception?.values?.[0]?.value).toBe(
      'Failed query: insert into "problems" ("body") values ($1)\nparams: [omitted]',
    );
    expect(scrubbed.contexts?.PostgresError).toMatchObject({ code: "22021" });
  });
});
