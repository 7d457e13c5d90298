import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

function errorOf(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

describe("environment validation", () => {
  it("runs with nothing configured outside production, on the embedded defaults", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.devToolsEnabled).toBe(true);
    expect(env.BETTER_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("names every bad variable and why, in one message", () => {
    const error = errorOf({
      NODE_ENV: "production",
      DATABASE_URL: "mysql://localhost/db",
      APP_URL: "not a url",
      STRIPE_SECRET_KEY: "pk_live_123",
      STRIPE_WEBHOOK_SECRET: "whsec_123",
      RESEND_API_KEY: "abc",
      EMAIL_FROM: "nobody",
    });
    const variables = error.issues.map((i) => i.variable).sort();
    expect(variables).toEqual([
      "APP_URL",
      "BETTER_AUTH_SECRET",
      "DATABASE_URL",
      "EMAIL_FROM",
      "RESEND_API_KEY",
      "STRIPE_SECRET_KEY",
    ]);
    expect(error.message).toContain("DATABASE_URL must start with postgres:// or postgresql://");
    expect(error.message).toContain("BETTER_AUTH_SECRET is required in production");
    expect(error.message).toContain("STRIPE_SECRET_KEY must start with sk_");
  });

  it("takes TRUSTED_PROXY_HOPS as a whole number 0–10, 0 (the socket itself) by default", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "" }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: " 10 " }).TRUSTED_PROXY_HOPS).toBe(10);
    for (const bad of ["-1", "11", "1.5", "one", "0x1", "1e1"]) {
      const error = errorOf({ TRUSTED_PROXY_HOPS: bad });
      expect(error.issues).toEqual([
        {
          variable: "TRUSTED_PROXY_HOPS",
          message: "must be a whole number from 0 to 10 (0: no proxy; Vercel: 1)",
        },
      ]);
    }
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SENTRY_DSN: "  " }).DATABASE_URL).toBeUndefined();
  });

  it("requires pairs to come together", () => {
    const error = errorOf({
      UPSTASH_REDIS_REST_URL: "https://example.upstash.io",
      STRIPE_SECRET_KEY: "sk_test_1",
    });
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      "STRIPE_WEBHOOK_SECRET",
      "UPSTASH_REDIS_REST_TOKEN",
    ]);
  });

  it("never enables developer tools on a public address", () => {
    const error = errorOf({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: "x".repeat(32),
      DEV_TOOLS: "1",
      APP_URL: "https://problemboard.dev",
    });
    expect(error.issues).toEqual([
      { variable: "DEV_TOOLS", message: expect.stringContaining("loopback") },
    ]);
    const local = parseEnv({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: "x".repeat(32),
      DEV_TOOLS: "1",
      APP_URL: "http://127.0.0.1:3000",
    });
    expect(local.devToolsEnabled).toBe(true);
    expect(
      parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(32) }).devToolsEnabled,
    ).toBe(false);
  });
});
