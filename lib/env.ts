import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Invalid values stop the process with
 * one message that names each bad variable and why (see `EnvError`).
 *
 * The one place server code reads the environment: everything else reads `env.X` (ESLint forbids
 * `process.env` elsewhere; eslint.config.mjs lists the exceptions). Browser code reads the inlined
 * NEXT_PUBLIC_ values from `publicEnv` (./public-env.ts) instead, never this module. The one raw
 * read left in app code is `process.env.NEXT_RUNTIME`: a constant Next.js writes into each
 * runtime's bundle, so `if (process.env.NEXT_RUNTIME === "edge")` drops the other runtime's code.
 *
 * Optional services degrade to the embedded defaults described in docs/architecture.md:
 * no DATABASE_URL → PGlite (provided by `npm run dev` / `npm start`), no Redis → in-memory,
 * no RESEND_API_KEY → local outbox at /dev/emails, no Stripe keys → local Stripe emulator.
 */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalUrl = (protocols: string[]) =>
  optionalString.pipe(
    z
      .string()
      .refine((v) => URL.canParse(v), "must be a valid URL")
      .refine(
        (v) => !URL.canParse(v) || protocols.includes(new URL(v).protocol),
        `must start with ${protocols.map((p) => `${p}//`).join(" or ")}`,
      )
      .optional(),
  );

/** A share between 0 and 1 (Sentry sample rates). */
const sampleRate = optionalString.pipe(
  z.coerce
    .number<string | undefined>({ error: "must be a number between 0 and 1" })
    .min(0, "must be between 0 and 1")
    .max(1, "must be between 0 and 1")
    .optional(),
);

const DEV_AUTH_SECRET = "problemboard-development-secret-do-not-use-in-production";

const isLocalUrl = (url: string) => {
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
};

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    APP_URL: optionalUrl(["http:", "https:"]).default("http://localhost:3000"),

    DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
    /** Set by scripts/run.ts when DATABASE_URL points at the embedded PGlite socket server. */
    DATABASE_EMBEDDED: z.enum(["0", "1"]).default("0"),

    UPSTASH_REDIS_REST_URL: optionalUrl(["http:", "https:"]),
    UPSTASH_REDIS_REST_TOKEN: optionalString,

    BETTER_AUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    ),

    STRIPE_SECRET_KEY: optionalString.pipe(
      z.string().startsWith("sk_", "must start with sk_").optional(),
    ),
    STRIPE_WEBHOOK_SECRET: optionalString.pipe(
      z.string().startsWith("whsec_", "must start with whsec_").optional(),
    ),
    /**
     * Dev/test only: the Stripe API base URL of the local Stripe emulator (npm run dev and the
     * e2e suite set it). Allowed only with a loopback APP_URL, so production always talks to
     * Stripe itself.
     */
    STRIPE_API_URL: optionalUrl(["http:", "https:"]),
    /** Stripe Tax on Checkout (needs tax registrations in the Stripe account). */
    STRIPE_AUTOMATIC_TAX: z.enum(["on", "off"]).default("off"),
    /**
     * Contract name (shared/DESIGN.md §3), not read yet: for Stripe.js in the browser
     * (`@stripe/stripe-js`), which nothing loads yet. Checkout and the portal are Stripe-hosted
     * pages the server redirects to (docs/architecture.md "Checkout and the portal"). Validated
     * now so a wrong key (`sk_…` in a public variable) is refused before any code ships it.
     */
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: optionalString.pipe(
      z.string().startsWith("pk_", "must start with pk_").optional(),
    ),

    RESEND_API_KEY: optionalString.pipe(
      z.string().startsWith("re_", "must start with re_").optional(),
    ),
    RESEND_WEBHOOK_SECRET: optionalString.pipe(
      z.string().startsWith("whsec_", "must start with whsec_").optional(),
    ),
    /** Read by the resend SDK itself; tests and local runs point it at a stand-in. */
    RESEND_BASE_URL: optionalUrl(["http:", "https:"]),
    /** Where sales enquiries from the Enterprise form go. */
    SALES_EMAIL: optionalString
      .pipe(
        z
          .string()
          .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, "must be an email address")
          .optional(),
      )
      .default("sales@problemboard.localhost"),
    EMAIL_FROM: optionalString
      .pipe(
        z
          .string()
          .regex(
            /^(?:[^<>]+<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/,
            'must be an address like "Problemboard <hello@example.com>"',
          )
          .optional(),
      )
      .default("Problemboard <hello@problemboard.localhost>"),

    SENTRY_DSN: optionalUrl(["http:", "https:"]),
    NEXT_PUBLIC_SENTRY_DSN: optionalUrl(["http:", "https:"]),
    /** Share of requests traced (0–1; default 0: no performance data). Errors are always sent. */
    SENTRY_TRACES_SAMPLE_RATE: sampleRate,
    NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: sampleRate,
    /** Share of browser sessions recorded by Session Replay, and only after analytics consent. */
    NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: sampleRate,
    /** The `environment` on every event; default NODE_ENV. */
    SENTRY_ENVIRONMENT: optionalString,
    NEXT_PUBLIC_SENTRY_ENVIRONMENT: optionalString,
    /** The `release` on every event; default VERCEL_GIT_COMMIT_SHA (set by Vercel). */
    SENTRY_RELEASE: optionalString,
    VERCEL_GIT_COMMIT_SHA: optionalString,
    /** Build only: uploads source maps (with SENTRY_ORG and SENTRY_PROJECT); unset, none are. */
    SENTRY_AUTH_TOKEN: optionalString,
    SENTRY_ORG: optionalString,
    SENTRY_PROJECT: optionalString,

    CRON_SECRET: optionalString.pipe(
      z.string().min(16, "must be at least 16 characters").optional(),
    ),

    /**
     * Supabase Storage (lib/storage): attachments, exports and backups, through supabase-js with
     * the service role key (server only). `npm run dev` starts the local Storage stand-in and sets
     * both when they are unset; without them, attachments answer "unavailable" and backups go to
     * BACKUP_DIR (lib/backup/config.ts).
     */
    SUPABASE_URL: optionalUrl(["http:", "https:"]),
    SUPABASE_SERVICE_ROLE_KEY: optionalString,

    /**
     * The age secret key (`AGE-SECRET-KEY-1…`) backups are encrypted with before they leave the
     * process (lib/backup). Unset: backups are not configured (`npm run backup` refuses, the
     * readiness check reports `not_configured`). Generate one with `npm run backup -- --generate-key`.
     */
    BACKUP_ENCRYPTION_KEY: optionalString.pipe(
      z
        .string()
        .regex(
          /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/,
          "must be an age secret key (AGE-SECRET-KEY-1 followed by 58 characters); generate one with `npm run backup -- --generate-key`",
        )
        .optional(),
    ),
    /**
     * The key backups were encrypted with before a rotation: still accepted for restores (never
     * for new backups), and `npm run backup -- --rekey` re-encrypts retained backups from it.
     */
    BACKUP_ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(
      z
        .string()
        .regex(
          /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/,
          "must be an age secret key (AGE-SECRET-KEY-1 followed by 58 characters)",
        )
        .optional(),
    ),
    /** The filesystem backup store's directory (used when Supabase Storage is not configured). */
    BACKUP_DIR: optionalString.default(".data/backups"),

    /**
     * Local developer tools (the email outbox viewer at /dev/emails) in a production build.
     * Only ever allowed when APP_URL is a loopback address, so it can't be switched on in a
     * real deployment, and served only to loopback connections (lib/http/dev-tools.ts). The e2e
     * suite uses it against `npm start`.
     */
    DEV_TOOLS: z.enum(["0", "1"]).default("0"),

    /**
     * `on` runs the job worker inside each long-running server process (`next start`,
     * `npm run dev`); `off` leaves the queue to the cron route handlers (serverless hosts) or a
     * separate worker.
     */
    JOBS_WORKER: z.enum(["on", "off"]).default("on"),

    /**
     * Bench only: `off` makes proxy.ts skip the request id, the CSP nonce and the security headers
     * (`npm run bench -- --proxy-cost`); proxy.ts honours it only on a loopback APP_URL.
     */
    SECURITY_HEADERS: optionalString.pipe(
      z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
    ),

    /** Set by Next.js while `next build` runs (`phase-production-build`). */
    NEXT_PHASE: optionalString,
    /** Set to 1 by Vercel on its builds and functions: a serverless host (no in-process worker). */
    VERCEL: optionalString,

    /** Lowest level written to the log (lib/observability/logger.ts); default info, error in tests. */
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).optional(),

    /** Multiplies every rate limit; above 1 only on a loopback APP_URL (load tests). */
    RATE_LIMIT_SCALE: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(100_000, "must be at most 100000")
      .default(1),

    /**
     * Where rate-limit counters live in Redis: `<prefix>:<policy>:<identity>`. The default suits
     * production; test runs use a prefix of their own so counts left in a shared Redis by an
     * earlier run (fixed test addresses, within the window) never count against the next one.
     */
    RATE_LIMIT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be 1-64 letters, digits, ':', '_' or '-'")
      .default("pb:rl"),

    /**
     * How many proxies in front of the app append to X-Forwarded-For. 0 (the default): none, the
     * client is the socket's own address (`npm start` served directly); Vercel or one load
     * balancer: 1. lib/http/client-ip.ts takes the client that many entries left of the socket's
     * address, so a client can't choose its own address by sending the header itself.
     */
    TRUSTED_PROXY_HOPS: optionalString
      .pipe(
        z
          .string()
          .regex(/^(?:\d|10)$/, "must be a whole number from 0 to 10 (0: no proxy; Vercel: 1)")
          .transform(Number)
          .optional(),
      )
      .transform((hops) => hops ?? 0),
  })
  .superRefine((env, ctx) => {
    const isBuild = env.NEXT_PHASE === "phase-production-build";
    if (env.NODE_ENV === "production" && !isBuild && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "is required in production (openssl rand -base64 32)",
      });
    }
    if (env.DEV_TOOLS === "1" && URL.canParse(env.APP_URL) && !isLocalUrl(env.APP_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["DEV_TOOLS"],
        message: "may only be 1 when APP_URL is a loopback address (localhost, 127.0.0.1)",
      });
    }
    if (env.RATE_LIMIT_SCALE > 1 && URL.canParse(env.APP_URL) && !isLocalUrl(env.APP_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["RATE_LIMIT_SCALE"],
        message: "may only be above 1 when APP_URL is a loopback address (load tests)",
      });
    }
    if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "is required when UPSTASH_REDIS_REST_URL is set",
      });
    }
    if (env.SUPABASE_URL && !env.SUPABASE_SERVICE_ROLE_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["SUPABASE_SERVICE_ROLE_KEY"],
        message: "is required when SUPABASE_URL is set",
      });
    }
    if (env.STRIPE_API_URL && URL.canParse(env.APP_URL) && !isLocalUrl(env.APP_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_API_URL"],
        message: "may only be set when APP_URL is a loopback address (the local Stripe emulator)",
      });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set",
      });
    }
  })
  .transform((env) => ({
    ...env,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET,
    LOG_LEVEL: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "error" : "info"),
    SENTRY_ENVIRONMENT: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
    SENTRY_RELEASE: env.SENTRY_RELEASE ?? env.VERCEL_GIT_COMMIT_SHA,
    SENTRY_TRACES_SAMPLE_RATE: env.SENTRY_TRACES_SAMPLE_RATE ?? 0,
    NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE ?? 0,
    NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: env.NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE ?? 0,
    /** Whether the outbox viewer and other local tools are served. */
    devToolsEnabled: env.NODE_ENV !== "production" || env.DEV_TOOLS === "1",
    isProduction: env.NODE_ENV === "production",
    /** Inside `next build`: nothing may connect to services or start workers. */
    isBuildPhase: env.NEXT_PHASE === "phase-production-build",
    /** On Vercel: functions freeze once they answer, and no worker lives between requests. */
    onVercel: Boolean(env.VERCEL),
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid environment configuration:\n${issues
        .map((i) => `  - ${i.variable} ${i.message}`)
        .join("\n")}\nSee .env.example for every variable and its format.`,
    );
    this.name = "EnvError";
  }
}

/** Parse an environment record; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      message: issue.message,
    })),
  );
}

export const env: Env = parseEnv(process.env);
