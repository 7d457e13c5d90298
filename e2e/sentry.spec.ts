import type { APIRequestContext } from "@playwright/test";
import { expect, personAt, test } from "./support";

// Error reports as Sentry receives them: the production build reports to a local stand-in for
// Sentry's ingest (scripts/lib/sentry-stand-in.ts, started by playwright.config.ts with
// SENTRY_DSN pointing at it). Each trigger is a dev-tools route under /dev/errors, sent with a
// session cookie, a bearer token, a token in the query string and (for the action) a password:
// exactly one event per fault, tagged with the request id, none of the secrets anywhere, and no
// event at all for an expected error.

const STAND_IN = process.env.E2E_SENTRY_STAND_IN ?? "http://127.0.0.1:3290";
const DEMO_EMAIL = "owner@demo.problemboard.dev";
const SECRETS = ["secret-cookie-value", "secret-token", "hunter2", "secret-query-token"];
const SECRET_HEADERS = {
  cookie: "session=secret-cookie-value",
  authorization: "Bearer secret-token",
};

interface SentryEvent {
  event_id: string;
  environment?: string;
  tags?: Record<string, string>;
  user?: Record<string, unknown>;
  exception?: { values?: { type?: string; value?: string }[] };
  request?: { url?: string; headers?: Record<string, string>; cookies?: unknown };
}

interface Envelope {
  raw: string;
  items: { header: { type?: string }; payload: unknown }[];
}

async function envelopes(request: APIRequestContext): Promise<Envelope[]> {
  const response = await request.get(`${STAND_IN}/envelopes`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Envelope[];
}

function errorEvents(list: Envelope[]): SentryEvent[] {
  return list.flatMap((envelope) =>
    envelope.items
      .filter((item) => item.header.type === "event")
      .map((item) => item.payload as SentryEvent),
  );
}

/** The events tagged with this request id, once the first has arrived and stragglers had time. */
async function eventsFor(request: APIRequestContext, requestId: string): Promise<SentryEvent[]> {
  const tagged = async () =>
    errorEvents(await envelopes(request)).filter((e) => e.tags?.request_id === requestId);
  await expect.poll(async () => (await tagged()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  // A duplicate (a second reporter for the same error) would arrive within moments.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return tagged();
}

async function expectNoSecrets(request: APIRequestContext) {
  const raw = (await envelopes(request)).map((envelope) => envelope.raw).join("\n");
  expect(raw.length).toBeGreaterThan(0);
  for (const secret of [...SECRETS, DEMO_EMAIL]) {
    expect(raw, `"${secret}" reached Sentry`).not.toContain(secret);
  }
}

function expectFault(event: SentryEvent, requestId: string) {
  expect(event.tags?.request_id).toBe(requestId);
  expect(event.exception?.values?.at(-1)?.type).toBe("DevToolsTestError");
  expect(event.request?.cookies).toBeUndefined();
}

test.beforeEach(async ({ request }) => {
  await request.delete(`${STAND_IN}/envelopes`);
});

test("a route handler's uncaught error is reported once, tagged, without secrets", async ({
  request,
}) => {
  const response = await request.get("/dev/errors/route?token=secret-query-token", {
    headers: SECRET_HEADERS,
  });
  expect(response.status()).toBe(500);
  const requestId = response.headers()["x-request-id"]!;

  const events = await eventsFor(request, requestId);
  expect(events).toHaveLength(1);
  expectFault(events[0]!, requestId);
  expect(events[0]!.environment).toBe("production");
  await expectNoSecrets(request);
});

test("a 500 a route answers with problemResponse is reported once too", async ({ request }) => {
  const response = await request.get("/dev/errors/route?handled=1&token=secret-query-token", {
    headers: SECRET_HEADERS,
  });
  expect(response.status()).toBe(500);
  expect(await response.json()).toMatchObject({ code: "internal" });
  const requestId = response.headers()["x-request-id"]!;

  const events = await eventsFor(request, requestId);
  expect(events).toHaveLength(1);
  expectFault(events[0]!, requestId);
  await expectNoSecrets(request);
});

test("a server component's render error is reported once", async ({ request }) => {
  const response = await request.get("/dev/errors/page?token=secret-query-token", {
    headers: SECRET_HEADERS,
  });
  expect(response.status()).toBe(500);
  const requestId = response.headers()["x-request-id"]!;

  const events = await eventsFor(request, requestId);
  expect(events).toHaveLength(1);
  expectFault(events[0]!, requestId);
  await expectNoSecrets(request);
});

test("a server action's error is reported once, with the user id and never the password", async ({
  browser,
  request,
}) => {
  // Its own client address, so other specs' sign-ins in this run never rate-limit this one.
  const { page, close } = await personAt(browser, DEMO_EMAIL);
  await page
    .context()
    .addCookies([{ name: "session", value: "secret-cookie-value", url: page.url() }]);
  await page.setExtraHTTPHeaders({ authorization: "Bearer secret-token" });
  await page.goto("/dev/errors/action");
  await page.getByLabel("Password").fill("hunter2");
  const [action] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/dev/errors")),
    page.getByRole("button", { name: "Throw from a server action" }).click(),
  ]);
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  const requestId = (await action.allHeaders())["x-request-id"]!;

  const events = await eventsFor(request, requestId);
  expect(events).toHaveLength(1);
  const [event] = events;
  expectFault(event!, requestId);
  // Who it happened to: the user's id and active workspace, never their email.
  expect(event!.user).toEqual({ id: expect.any(String) });
  expect(event!.tags?.workspace_id).toEqual(expect.any(String));
  await expectNoSecrets(request);
  await close();
});

test("expected errors (an AppError, notFound()) are not reported", async ({ request }) => {
  const expected = [
    await request.get("/dev/errors/route?kind=expected", { headers: SECRET_HEADERS }),
    await request.get("/dev/errors/page?kind=expected", { headers: SECRET_HEADERS }),
    await request.get("/dev/errors/page?kind=not-found", { headers: SECRET_HEADERS }),
  ];
  expect(expected[2]!.status()).toBe(404);
  const expectedIds = expected.map((response) => response.headers()["x-request-id"]!);

  // A real fault afterwards: once its event is in, anything the first three caused would be too.
  const marker = await request.get("/dev/errors/route", { headers: SECRET_HEADERS });
  const markerId = marker.headers()["x-request-id"]!;
  expect(await eventsFor(request, markerId)).toHaveLength(1);

  const all = errorEvents(await envelopes(request));
  expect(all.filter((e) => expectedIds.includes(e.tags?.request_id ?? ""))).toEqual([]);
  expect(all).toHaveLength(1);
});
