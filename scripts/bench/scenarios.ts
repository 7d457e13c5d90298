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

import { createHash } from "node:crypto";
import { scaleStripeIds } from "../../lib/db/seed-scale";
import { verifyWebhookLedger, WEBHOOK_PATH, WebhookFeed } from "./webhook-feed";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One entry of a feed: a body with the headers that belong to it (e.g. its signature). */
export interface FedRequest {
  /** What the entry is about (e.g. an event id); duplicates share it. */
  key: string;
  body: string;
  headers: Record<string, string>;
}

/** A sequence shared by every connection: each request sent takes the next entry. */
export interface RequestFeed {
  next(): FedRequest;
  /** Called with each response's status (not for requests cut off when the load stops). */
  answered(request: FedRequest, status: number): void;
}

export interface ScenarioRequest {
  method: HttpMethod;
  /** Path and query, starting with "/". */
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; set a content-type header to match. */
  body?: string;
  /** Several paths: each connection requests them in turn (`path` is the check request's). */
  paths?: string[];
  /** Several bodies: each connection sends them in turn (e.g. vote on, vote off). */
  bodies?: string[];
  /**
   * Instead of `bodies`: one sequence for all connections, each entry with its own headers
   * (e.g. distinct signed webhook events). `body` and `headers` still serve the check request.
   */
  feed?: RequestFeed;
}

/** What a scenario's setup (and its request) can use. */
export interface BenchContext {
  /** e.g. http://127.0.0.1:3100 – the only host the benchmark ever talks to. */
  baseUrl: string;
  /** The app's APP_URL origin (http://localhost:<port>), sent as Origin on state-changing calls. */
  appOrigin: string;
  /** The demo owner's session, as a Cookie header value; empty until someone needs it. */
  cookie: string;
  /** The demo platform admin's session (operator console), likewise. */
  adminCookie: string;
  /** The server's database, when the harness started the server (undefined with --url). */
  databaseUrl?: string;
  /** The secret the server verifies Stripe webhook signatures with. */
  stripeWebhookSecret: string;
}

export interface Scenario {
  /** Kebab-case, unique; used with --only and in reports. */
  name: string;
  description: string;
  request: ScenarioRequest;
  /** Send the signed-in demo owner's session cookie. */
  authenticated?: boolean;
  /** Send the signed-in demo platform admin's session cookie instead (the /admin console). */
  admin?: boolean;
  /**
   * Concurrent connections for this scenario when it differs from the run's (--connections),
   * e.g. the console's targets are defined at 10. Its ratio is then to the baseline measured at
   * the same number of connections (BASELINE_AT), when that ran.
   */
  connections?: number;
  /**
   * Runs once, before the check request and the warm-up – e.g. to create the data the request
   * reads. It may return request fields to override, such as a path containing a created id.
   */
  setup?: (ctx: BenchContext) => Promise<Partial<ScenarioRequest> | void>;
  /** Runs after the measured load; returns a problem description when the data is wrong. */
  verify?: (ctx: BenchContext) => Promise<string | null>;
}

/** The board `--scale` seeds: 10,000 problems, 200,000 votes, 50,000 comments. */
const SCALE_BOARD_PATH = "/b/acme/scale";
const VOTE_PROBLEM = "prb_scale_1";
const MIXED_LIST_PATHS = ["top", "new", "trending"].flatMap((sort) =>
  ["active", "all", "open", "planned"].map(
    (status) => `/api/public/boards/acme/scale/problems?sort=${sort}&status=${status}`,
  ),
);

async function setVoteOnce(ctx: BenchContext, voted: boolean): Promise<number> {
  const response = await fetch(`${ctx.baseUrl}/api/problems/${VOTE_PROBLEM}/vote`, {
    method: "PUT",
    headers: { "content-type": "application/json", origin: ctx.appOrigin, cookie: ctx.cookie },
    body: JSON.stringify({ voted }),
  });
  if (!response.ok) throw new Error(`vote answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { voteCount: number }).voteCount;
}

let votesBefore = 0;
let webhookFeed: WebhookFeed | undefined;

/** The demo user seeded into every fresh database (see lib/db/seed.ts). */
export const DEMO_SIGN_IN = {
  email: "owner@demo.problemboard.dev",
  password: "demo-password-2026",
} as const;

export const BASELINE_SCENARIO = "baseline-health";
/** The operator console's connection count, and the baseline measured at it. */
export const ADMIN_CONNECTIONS = 10;
export const BASELINE_AT: Record<number, string> = { [ADMIN_CONNECTIONS]: "baseline-health-10" };

/** The demo platform admin (lib/db/seed.ts), who opens /admin. */
export const DEMO_ADMIN_SIGN_IN = {
  email: "operator@demo.problemboard.dev",
  password: DEMO_SIGN_IN.password,
} as const;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
/** Scale workspaces with a subscription (w % 20 >= 2), spread over the 20,000. */
const LOOKUP_WORKSPACES = [3, 7, 1_234, 5_007, 9_999, 12_345, 17_778, 19_999];
/** What an operator types into the console's users search: the start of an email address. */
const USER_SEARCH_PREFIXES = [
  "ada.lovelace",
  "grace.hopper1",
  "linus.torvalds4",
  "margaret.ham",
  "ken.thompson9",
  "customer12",
  "radia.perlman77",
  "guido.r",
];
const LOOKUP_QUERIES = LOOKUP_WORKSPACES.flatMap((w) => {
  const { customerId, subscriptionId } = scaleStripeIds(w, md5);
  return [
    customerId,
    subscriptionId,
    `usr_scale${2_000 + w}`,
    `customer${w % 2_000}@scale.problemboard.dev`,
  ];
});

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
  {
    name: "board-page-top",
    description:
      "Public board, first page sorted by top votes, server-rendered, signed out (10,000 problems).",
    request: { method: "GET", path: SCALE_BOARD_PATH },
  },
  {
    name: "problem-list-json",
    description:
      "Public JSON problem list of the 10,000-problem board (cached; Redis through the bridge when REDIS_URL is set).",
    request: { method: "GET", path: "/api/public/boards/acme/scale/problems" },
  },
  {
    name: "problem-list-json-mixed",
    description:
      "The same JSON list in 12 variants (3 sorts × 4 status filters), each connection cycling " +
      "through them: 12 cache entries instead of one, so fewer readers share a Redis read " +
      "(reported beside the caching issue's single-list target, not judged).",
    request: {
      method: "GET",
      path: MIXED_LIST_PATHS[0]!,
      paths: MIXED_LIST_PATHS,
    },
  },
  {
    name: "problem-search-json",
    description: "Full-text search for a word on the 10,000-problem board (public JSON list).",
    request: { method: "GET", path: "/api/public/boards/acme/scale/problems?q=invoice" },
  },
  {
    name: "problem-page",
    description:
      "A problem's page on the scale board (about five comments), server-rendered, signed out; " +
      "its shared part cached (problem, timeline, approved comments).",
    request: { method: "GET", path: `${SCALE_BOARD_PATH}/p/prb_scale_2` },
  },
  {
    name: "vote-toggle-json",
    description:
      "One user toggling a vote on and off from 50 connections; afterwards the count must be exact.",
    request: {
      method: "PUT",
      path: `/api/problems/${VOTE_PROBLEM}/vote`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ voted: true }),
      bodies: [JSON.stringify({ voted: true }), JSON.stringify({ voted: false })],
    },
    authenticated: true,
    async setup(ctx) {
      votesBefore = await setVoteOnce(ctx, false);
      return { headers: { "content-type": "application/json", origin: ctx.appOrigin } };
    },
    async verify(ctx) {
      const after = await setVoteOnce(ctx, true);
      return after === votesBefore + 1
        ? null
        : `vote count drifted: ${votesBefore} before, ${after} after voting once (expected ${votesBefore + 1})`;
    },
  },
  {
    name: "stripe-webhook",
    description:
      "Stripe webhook acknowledgement: signed dispute events (no customer), 30 % exact " +
      "re-deliveries; afterwards each event id must be in the ledger once with one job.",
    request: {
      method: "POST",
      path: WEBHOOK_PATH,
      headers: { "content-type": "application/json" },
    },
    setup(ctx) {
      webhookFeed = new WebhookFeed(ctx.stripeWebhookSecret);
      const first = webhookFeed.next();
      return Promise.resolve({
        body: first.body,
        headers: { "content-type": "application/json", ...first.headers },
        feed: webhookFeed,
      });
    },
    async verify(ctx) {
      return webhookFeed ? verifyWebhookLedger(webhookFeed, ctx) : "setup did not run";
    },
  },
  {
    name: BASELINE_AT[ADMIN_CONNECTIONS]!,
    description: `The trivial route at ${ADMIN_CONNECTIONS} connections: the baseline of the console's ratios.`,
    request: { method: "GET", path: "/api/health" },
    connections: ADMIN_CONNECTIONS,
  },
  {
    name: "admin-users-search",
    description:
      "Operator console users list searched by the start of an email address (8 prefixes in " +
      "turn), server-rendered, signed in as the platform admin, on 100,000 users.",
    request: {
      method: "GET",
      path: `/admin/users?q=${USER_SEARCH_PREFIXES[0]}`,
      paths: USER_SEARCH_PREFIXES.map((q) => `/admin/users?q=${encodeURIComponent(q)}`),
    },
    admin: true,
    connections: ADMIN_CONNECTIONS,
  },
  {
    name: "admin-customer-lookup",
    description:
      "Operator console customer lookup (360) by cus_ id, sub_ id, user id and email in turn " +
      "(32 customers), server-rendered, on 20,000 workspaces and 1,000,000 history rows.",
    request: {
      method: "GET",
      path: `/admin/lookup?q=${LOOKUP_QUERIES[0]}`,
      paths: LOOKUP_QUERIES.map((q) => `/admin/lookup?q=${encodeURIComponent(q)}`),
    },
    admin: true,
    connections: ADMIN_CONNECTIONS,
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
  {
    source: "product core issue",
    scenario: "board-page-top",
    metric: "ratio",
    comparator: ">=",
    threshold: 0.3,
    connections: 50,
  },
  {
    source: "product core issue",
    scenario: "board-page-top",
    metric: "p99Ms",
    comparator: "<",
    threshold: 100,
    connections: 50,
  },
  {
    source: "product core issue",
    scenario: "vote-toggle-json",
    metric: "ratio",
    comparator: ">=",
    threshold: 0.4,
    connections: 50,
  },
  {
    source: "caching issue",
    scenario: "problem-list-json",
    metric: "ratio",
    comparator: ">=",
    threshold: 0.8,
    connections: 50,
  },
  {
    source: "caching issue",
    scenario: "board-page-top",
    metric: "ratio",
    comparator: ">=",
    threshold: 0.7,
    connections: 50,
  },
  {
    source: "caching issue",
    scenario: "board-page-top",
    metric: "p99Ms",
    comparator: "<",
    threshold: 30,
    connections: 50,
  },
  {
    source: "product core issue",
    scenario: "problem-search-json",
    metric: "p99Ms",
    comparator: "<",
    threshold: 50,
    connections: 50,
  },
  {
    source: "billing issue",
    scenario: "stripe-webhook",
    metric: "p99Ms",
    comparator: "<",
    threshold: 50,
    connections: 50,
  },
  {
    source: "billing issue",
    scenario: "stripe-webhook",
    metric: "ratio",
    comparator: ">=",
    threshold: 0.4,
    connections: 50,
  },
  ...(["admin-users-search", "admin-customer-lookup"] as const).map((scenario): Target => ({
    source: "operator console issue",
    scenario,
    metric: "p99Ms",
    comparator: "<",
    threshold: 50,
    connections: ADMIN_CONNECTIONS,
  })),
];
