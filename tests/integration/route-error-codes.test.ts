import { afterEach, describe, expect, it } from "vitest";
import { GET as cronJobs } from "@/app/api/cron/jobs/route";
import { POST as unsubscribe } from "@/app/api/email/unsubscribe/route";
import { POST as resendWebhook } from "@/app/api/webhooks/resend/route";
import { env } from "@/lib/env";
import { ERROR_STATUS } from "@/lib/errors";

// Route handlers that answer with problem() directly, not through problemResponse: each code they
// send is one of the typed codes (lib/errors.ts), with that code's status.
const mutableEnv = env as { -readonly [K in keyof typeof env]: (typeof env)[K] };
const saved = { CRON_SECRET: env.CRON_SECRET, RESEND_WEBHOOK_SECRET: env.RESEND_WEBHOOK_SECRET };
const origin = new URL(env.APP_URL).origin;

afterEach(() => Object.assign(mutableEnv, saved));

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as { code: keyof typeof ERROR_STATUS; status: number };
  expect(Object.keys(ERROR_STATUS)).toContain(body.code);
  expect(response.status).toBe(ERROR_STATUS[body.code]);
  return body;
}

describe("error codes of routes that answer directly", () => {
  it("cron: 503 unavailable without CRON_SECRET, 401 unauthorized with a wrong token", async () => {
    mutableEnv.CRON_SECRET = undefined;
    const off = await cronJobs(new Request(`${origin}/api/cron/jobs`));
    expect(await problemOf(off)).toMatchObject({ status: 503, code: "unavailable" });

    mutableEnv.CRON_SECRET = "a-cron-secret-of-some-length";
    const wrong = await cronJobs(
      new Request(`${origin}/api/cron/jobs`, { headers: { authorization: "Bearer nope" } }),
    );
    expect(await problemOf(wrong)).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("Resend webhook: 503 unavailable without RESEND_WEBHOOK_SECRET", async () => {
    mutableEnv.RESEND_WEBHOOK_SECRET = undefined;
    const response = await resendWebhook(
      new Request(`${origin}/api/webhooks/resend`, { method: "POST", body: "{}" }),
    );
    expect(await problemOf(response)).toMatchObject({ status: 503, code: "unavailable" });
  });

  it("one-click unsubscribe: 400 invalid_token for a token that does not verify", async () => {
    const response = await unsubscribe(
      new Request(`${origin}/api/email/unsubscribe?token=forged.token`, { method: "POST" }),
    );
    expect(await problemOf(response)).toMatchObject({ status: 400, code: "invalid_token" });
  });
});
