import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { PUT as consentPut } from "@/app/api/consent/route";
import { POST as unsubscribePost } from "@/app/api/email/unsubscribe/route";
import { PUT as votePut } from "@/app/api/problems/[problemId]/vote/route";
import { POST as resendWebhook } from "@/app/api/webhooks/resend/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { unsubscribeToken } from "@/lib/email/unsubscribe";
import { env } from "@/lib/env";
import { nextIp, signIn } from "../support/auth-client";
import { createUser, TEST_PASSWORD } from "../support/factories";

// Every route handler that reads a request body stops at its limit while the body streams in,
// also when the body is chunked (no Content-Length, so proxy.ts cannot refuse it up front).

const origin = new URL(env.APP_URL).origin;
const CHUNK = 64 * 1024;
const MB = 1024 * 1024;

/** A chunked body of `total` bytes of JSON-ish text; `pulled` counts the bytes handed out. */
function chunked(path: string, total: number, init: { method?: string; headers?: HeadersInit }) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        const size = Math.min(CHUNK, total - state.pulled);
        state.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers(init.headers);
  headers.set("x-forwarded-for", nextIp());
  const request = new Request(`${origin}${path}`, {
    method: init.method ?? "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
  return { request, state };
}

async function expectRefused(response: Response, limit: string, state: { pulled: number }) {
  expect(response.status).toBe(413);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(await response.json()).toMatchObject({
    code: "payload_too_large",
    detail: `Request bodies are limited to ${limit}.`,
  });
  // Reading stopped one chunk past the limit: the other 199-odd MB were never pulled.
  expect(state.pulled).toBeLessThan(2 * MB);
}

describe("chunked bodies over the limit", () => {
  const huge = 200 * MB;

  it("webhooks keep their smaller limits: Stripe 512 KB, Resend 256 KB", async () => {
    const stripe = chunked("/api/webhooks/stripe", huge, {
      headers: { "stripe-signature": "t=1,v1=x" },
    });
    await expectRefused(await stripeWebhook(stripe.request), "512 KB", stripe.state);
    expect(stripe.state.pulled).toBeLessThanOrEqual(512 * 1024 + CHUNK);

    const mutableEnv = env as { RESEND_WEBHOOK_SECRET?: string };
    const before = mutableEnv.RESEND_WEBHOOK_SECRET;
    mutableEnv.RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from("body-limit-test").toString("base64")}`;
    try {
      const resend = chunked("/api/webhooks/resend", huge, {});
      await expectRefused(await resendWebhook(resend.request), "256 KB", resend.state);
      expect(resend.state.pulled).toBeLessThanOrEqual(256 * 1024 + CHUNK);
    } finally {
      mutableEnv.RESEND_WEBHOOK_SECRET = before;
    }
  });

  it("the auth route refuses it at 1 MB, on limited and other endpoints alike", async () => {
    for (const path of ["/api/auth/sign-in/email", "/api/auth/sign-out"]) {
      const { request, state } = chunked(path, huge, {
        headers: { "content-type": "application/json", origin },
      });
      await expectRefused(await authPost(request), "1 MB", state);
    }
  });

  it("the JSON and form routes refuse it at 1 MB", async () => {
    const consent = chunked("/api/consent", huge, {
      method: "PUT",
      headers: { "content-type": "application/json", origin },
    });
    await expectRefused(await consentPut(consent.request), "1 MB", consent.state);

    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const vote = chunked("/api/problems/prb_missing/vote", huge, {
      method: "PUT",
      headers: { "content-type": "application/json", origin, cookie },
    });
    const voted = await votePut(vote.request, {
      params: Promise.resolve({ problemId: "prb_missing" }),
    });
    await expectRefused(voted, "1 MB", vote.state);

    const token = unsubscribeToken("someone@example.com", "product");
    const unsubscribe = chunked(`/api/email/unsubscribe?token=${token}`, huge, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await expectRefused(await unsubscribePost(unsubscribe.request), "1 MB", unsubscribe.state);
  });
});
