import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { POLICIES, type PolicyName } from "@/lib/ratelimit/policies";
import { authFetch, nextIp, type AuthResponse } from "../support/auth-client";
import { createUser, emailsTo } from "../support/factories";

const STRONG = "a-long-and-unusual-passphrase";

// The limiter's sliding window weighs the previous fixed window (as Upstash's does), so a burst
// that straddles a window boundary may be let through once more. The clock stands still here,
// within the last hour and halfway into a minute, 5 minutes and hour, so every count is exact.
beforeAll(() => {
  const hour = 3_600_000;
  const now = Date.now();
  const halfway = now - (now % hour) + hour / 2 + 30_000;
  vi.useFakeTimers({ toFake: ["Date"], now: halfway <= now ? halfway : halfway - hour });
});
afterAll(() => {
  vi.useRealTimers();
});

function limitOf(policy: PolicyName): number {
  return POLICIES[policy].limit * env.RATE_LIMIT_SCALE;
}

/** Every auth endpoint that was limited (by Better Auth or by us), with the policy that limits it now. */
const LIMITED: {
  name: string;
  policy: PolicyName;
  send: (i: number, ip: string) => Promise<AuthResponse>;
}[] = [
  {
    name: "POST /sign-in/email",
    policy: "auth:sign-in:ip",
    send: (i, ip) =>
      authFetch("/sign-in/email", {
        body: { email: `burst-${i}@example.com`, password: "wrong-password" },
        ip,
      }),
  },
  {
    name: "POST /sign-up/email",
    policy: "auth:sign-up:ip",
    send: (_, ip) => authFetch("/sign-up/email", { body: { name: "Burst" }, ip }),
  },
  {
    name: "POST /sign-in/magic-link",
    policy: "auth:email:ip",
    send: (_, ip) => authFetch("/sign-in/magic-link", { body: { email: "not-an-address" }, ip }),
  },
  {
    name: "POST /request-password-reset",
    policy: "auth:email:ip",
    send: (_, ip) => authFetch("/request-password-reset", { body: { email: "nope" }, ip }),
  },
  {
    name: "POST /send-verification-email",
    policy: "auth:email:ip",
    send: (_, ip) => authFetch("/send-verification-email", { body: {}, ip }),
  },
  {
    name: "POST /reset-password",
    policy: "auth:credential-change:ip",
    send: (_, ip) =>
      authFetch("/reset-password", { body: { token: "not-a-token", newPassword: STRONG }, ip }),
  },
  {
    name: "POST /change-password",
    policy: "auth:credential-change:ip",
    send: (_, ip) =>
      authFetch("/change-password", {
        body: { currentPassword: "wrong-password", newPassword: STRONG },
        ip,
      }),
  },
  {
    name: "POST /change-email",
    policy: "auth:credential-change:ip",
    send: (_, ip) => authFetch("/change-email", { body: { newEmail: "new@example.com" }, ip }),
  },
  {
    name: "GET /verify-email",
    policy: "auth:link:ip",
    send: (_, ip) => authFetch("/verify-email?token=not-a-token", { ip }),
  },
  {
    name: "GET /magic-link/verify",
    policy: "auth:link:ip",
    send: (_, ip) => authFetch("/magic-link/verify?token=not-a-token&callbackURL=/app", { ip }),
  },
  {
    name: "GET /reset-password/{token}",
    policy: "auth:link:ip",
    send: (i, ip) =>
      authFetch(`/reset-password/not-a-token-${i}?callbackURL=/reset-password`, { ip }),
  },
  {
    name: "GET /get-session",
    policy: "auth:request:ip",
    send: (_, ip) => authFetch("/get-session", { ip }),
  },
  {
    name: "POST /sign-out",
    policy: "auth:request:ip",
    send: (_, ip) => authFetch("/sign-out", { body: {}, ip }),
  },
];

describe("one limiter on the auth endpoints", () => {
  it.each(LIMITED)(
    "a burst on $name only ever gets our problem+json 429 with RateLimit-* and Retry-After",
    async ({ policy, send }) => {
      const ip = nextIp();
      const attempts = limitOf(policy) + 3;
      const responses: AuthResponse[] = [];
      for (let i = 0; i < attempts; i++) responses.push(await send(i, ip));

      const refused = responses.filter((response) => response.status === 429);
      // Exactly the policy's limit got through; everything past it was refused by us.
      expect(refused).toHaveLength(3);
      expect(responses.slice(-3).map((response) => response.status)).toEqual([429, 429, 429]);
      for (const response of refused) {
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(response.body).toMatchObject({ status: 429, code: "rate_limited" });
        expect(response.headers.get("ratelimit-limit")).toBe(String(limitOf(policy)));
        expect(response.headers.get("ratelimit-remaining")).toBe("0");
        expect(Number(response.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      // Better Auth's own limiter never answers (its 429 is text/plain with X-Retry-After).
      for (const response of responses) {
        expect(response.headers.get("x-retry-after")).toBeNull();
      }
    },
  );

  it("another address is not held up by one address's burst", async () => {
    const ip = nextIp();
    for (let i = 0; i <= limitOf("auth:link:ip"); i++) {
      await authFetch("/verify-email?token=not-a-token", { ip });
    }
    expect((await authFetch("/verify-email?token=not-a-token", { ip })).status).toBe(429);
    expect((await authFetch("/verify-email?token=not-a-token")).status).not.toBe(429);
  });
});

describe("account emails per recipient", () => {
  const limit = limitOf("auth:email:recipient");

  it("8 reset requests for one address from 8 client addresses send at most the limit, and answer alike", async () => {
    const user = await createUser();
    const unknown = await authFetch("/request-password-reset", {
      body: { email: "nobody-at-all@example.com", redirectTo: "/reset-password" },
    });
    const answers: AuthResponse[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push(
        await authFetch("/request-password-reset", {
          body: { email: user.email, redirectTo: "/reset-password" },
          ip: nextIp(),
        }),
      );
    }
    expect(await emailsTo(user.email, "reset-password")).toHaveLength(Math.min(8, limit));
    // Over the limit, the answer is the one an address without an account gets.
    for (const answer of answers) {
      expect(answer.status).toBe(unknown.status);
      expect(answer.body).toEqual(unknown.body);
    }
  });

  it("is one budget for reset, magic-link, verification and account-exists emails, and case-blind", async () => {
    const user = await createUser({ verified: false });
    const upper = user.email.toUpperCase();
    await authFetch("/request-password-reset", { body: { email: user.email } });
    await authFetch("/sign-in/magic-link", { body: { email: upper, callbackURL: "/app" } });
    await authFetch("/send-verification-email", { body: { email: user.email } });
    await authFetch("/sign-up/email", { body: { name: "Twin", email: upper, password: STRONG } });
    for (let i = 0; i < limit; i++) {
      await authFetch("/sign-in/magic-link", { body: { email: user.email, callbackURL: "/app" } });
    }
    const sent = await emailsTo(user.email);
    expect(sent).toHaveLength(limit);
    expect(new Set(sent.map((email) => email.template))).toEqual(
      new Set(["reset-password", "magic-link", "verify-email", "account-exists"]),
    );
  });

  it("does not hold up mail to anyone else", async () => {
    const flooded = await createUser();
    const other = await createUser();
    for (let i = 0; i < limit + 2; i++) {
      await authFetch("/request-password-reset", { body: { email: flooded.email } });
    }
    await authFetch("/request-password-reset", { body: { email: other.email } });
    expect(await emailsTo(other.email, "reset-password")).toHaveLength(1);
  });
});
