/**
 * What the benchmark measures: the HTTP scenarios and the performance targets they are judged by.
 *
 * Adding a scenario is one entry in SCENARIOS; adding a target is one entry in TARGETS. Every
 * scenario is reported relative to BASELINE_SCENARIO (GET /api/health, a route handler with no
 * dependencies), which always runs first so that ratios compare numbers from the same run.
 *
 * Each scenario is requested once before it is measured and must answer 2xx, so a broken
 * scenario (for example a signed-out 401) fails loudly instead of benchmarking an error page.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ScenarioRequest {
  method: HttpMethod;
  /** Path and query, starting with "/". */
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; set a content-type header to match. */
  body?: string;
}

/** What a scenario's setup (and its request) can use. */
export interface BenchContext {
  /** e.g. http://127.0.0.1:3100 – the only host the benchmark ever talks to. */
  baseUrl: string;
  /** The app's APP_URL origin (http://localhost:<port>), sent as Origin on state-changing calls. */
  appOrigin: string;
  /** The demo owner's session, as a Cookie header value; empty until someone needs it. */
  cookie: string;
}

export interface Scenario {
  /** Kebab-case, unique; used with --only and in reports. */
  name: string;
  description: string;
  request: ScenarioRequest;
  /** Send the signed-in demo owner's session cookie. */
  authenticated?: boolean;
  /**
   * Runs once, before the check request and the warm-up – e.g. to create the data the request
   * reads. It may return request fields to override, such as a path containing a created id.
   */
  setup?: (ctx: BenchContext) => Promise<Partial<ScenarioRequest> | void>;
}

/** The demo user seeded into every fresh database (see lib/db/seed.ts). */
export const DEMO_SIGN_IN = {
  email: "owner@demo.problemboard.dev",
  password: "demo-password-2026",
} as const;

export const BASELINE_SCENARIO = "baseline-health";

export const SCENARIOS: readonly Scenario[] = [
  {
    name: BASELINE_SCENARIO,
    description: "Trivial route handler with no dependencies – the baseline for every ratio.",
    request: { method: "GET", path: "/api/health" },
  },
  {
    name: "sign-in-page",
    description: "Server-rendered sign-in page, signed out.",
    request: { method: "GET", path: "/sign-in" },
  },
  {
    name: "workspace-current-json",
    description: "Authenticated JSON read: session lookup plus the active workspace and role.",
    request: { method: "GET", path: "/api/workspaces/current" },
    authenticated: true,
  },
];

// ---- Targets -----------------------------------------------------------------------------------

/** Per-scenario numbers a target can test. */
export type ScenarioMetric = "ratio" | "reqPerSec" | "p50Ms" | "p99Ms";
/** Whole-server numbers a target can test (MiB, from /proc/<pid>/status). */
export type ServerMetric = "idleRssMb" | "finalRssMb" | "peakRssMb";

interface TargetBase {
  /** Where the target comes from, e.g. an issue reference. */
  source: string;
  comparator: "<" | "<=" | ">" | ">=";
  threshold: number;
  /** Only judged when the run used this many connections; otherwise reported as SKIPPED. */
  connections?: number;
}

export type Target =
  | (TargetBase & { scenario: string; metric: ScenarioMetric })
  | (TargetBase & { scenario?: undefined; metric: ServerMetric });

export const TARGETS: readonly Target[] = [
  {
    source: "benchmark harness issue",
    scenario: "workspace-current-json",
    metric: "ratio",
    comparator: ">=",
    threshold: 0.5,
    connections: 50,
  },
  {
    source: "benchmark harness issue",
    scenario: "workspace-current-json",
    metric: "p99Ms",
    comparator: "<",
    threshold: 50,
    connections: 50,
  },
  { source: "benchmark harness issue", metric: "idleRssMb", comparator: "<", threshold: 300 },
];
