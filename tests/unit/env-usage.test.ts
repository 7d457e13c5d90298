import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { envSchema, parseEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "../..");

/** The app's own code: everything that runs in the app, but not the two env modules. */
const APP_CODE = [
  "app",
  "components",
  "emails",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "sentry.server.config.ts",
  "sentry.edge.config.ts",
];
const ENV_MODULES = ["lib/env.ts", "lib/public-env.ts"];

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(entry, file))
    .filter((file) => /\.(ts|tsx|mjs)$/.test(file));
}

const appSource = APP_CODE.flatMap(sourceFiles)
  .filter((file) => !ENV_MODULES.includes(file))
  .map((file) => readFileSync(path.join(root, file), "utf8"))
  .join("\n");

const variables = Object.keys(envSchema.in.shape);

/**
 * Validated but not read as `env.X` / `publicEnv.X` by app code, each with who reads it. Contract
 * names of shared/DESIGN.md §3 that a later feature will read stay validated ahead of it.
 */
const NOT_READ_BY_APP_CODE: Record<string, string> = {
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "not yet: Stripe.js in the browser (nothing loads it yet)",
  RESEND_BASE_URL: "the resend SDK, from the process environment",
  SENTRY_AUTH_TOKEN: "next.config.ts at build time (source-map upload)",
  SENTRY_ORG: "next.config.ts at build time",
  SENTRY_PROJECT: "next.config.ts at build time",
  VERCEL_GIT_COMMIT_SHA: "lib/env.ts: the default of SENTRY_RELEASE",
  DEV_TOOLS: "lib/env.ts: env.devToolsEnabled",
  NEXT_PHASE: "lib/env.ts: env.isBuildPhase",
  VERCEL: "lib/env.ts: env.onVercel",
};

const readByAppCode = (name: string) =>
  new RegExp(`\\b(?:env|publicEnv)\\.${name}\\b`).test(appSource);

describe("environment variables in use", () => {
  it("every validated variable is read, or listed above with who reads it", () => {
    const unread = variables.filter((name) => !readByAppCode(name));
    expect(unread.sort()).toEqual(Object.keys(NOT_READ_BY_APP_CODE).sort());
  });

  it("every validated variable is documented in .env.example", () => {
    const example = readFileSync(path.join(root, ".env.example"), "utf8");
    const undocumented = variables.filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
    expect(undocumented).toEqual([]);
  });

  it("parses the bench switch and the platform's variables", () => {
    expect(parseEnv({}).SECURITY_HEADERS).toBe("on");
    expect(parseEnv({ SECURITY_HEADERS: "" }).SECURITY_HEADERS).toBe("on");
    expect(parseEnv({ SECURITY_HEADERS: "off" }).SECURITY_HEADERS).toBe("off");
    expect(() => parseEnv({ SECURITY_HEADERS: "no" })).toThrow(
      /SECURITY_HEADERS must be on or off/,
    );
    expect(parseEnv({}).onVercel).toBe(false);
    expect(parseEnv({ VERCEL: "1" }).onVercel).toBe(true);
    expect(parseEnv({}).isBuildPhase).toBe(false);
    // During `next build` the production secret is not required yet.
    const build = parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(build.isBuildPhase).toBe(true);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/BETTER_AUTH_SECRET/);
  });
});

describe("publicEnv (browser)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function publicEnvWith(values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
    vi.resetModules();
    return (await import("@/lib/public-env")).publicEnv;
  }

  it("reads the NEXT_PUBLIC_ values, with the same defaults as the server", async () => {
    const configured = await publicEnvWith({
      NEXT_PUBLIC_SENTRY_DSN: "https://key@o1.ingest.sentry.io/2",
      NEXT_PUBLIC_SENTRY_ENVIRONMENT: "preview",
      NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: "0.25",
      NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: "1",
    });
    expect(configured).toMatchObject({
      NEXT_PUBLIC_SENTRY_DSN: "https://key@o1.ingest.sentry.io/2",
      NEXT_PUBLIC_SENTRY_ENVIRONMENT: "preview",
      NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: 0.25,
      NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: 1,
    });

    const unset = await publicEnvWith({
      NEXT_PUBLIC_SENTRY_DSN: "",
      NEXT_PUBLIC_SENTRY_ENVIRONMENT: "",
      NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: "lots",
      NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: "7",
    });
    expect(unset).toMatchObject({
      NEXT_PUBLIC_SENTRY_DSN: undefined,
      NEXT_PUBLIC_SENTRY_ENVIRONMENT: process.env.NODE_ENV,
      NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: 0,
      NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: 1,
    });
  });
});
