/**
 * `npm run bench` – HTTP benchmark of a production build on loopback.
 *
 *   tsx scripts/bench/run.ts [--duration 10] [--connections 50] [--warmup 3]
 *                            [--only name1,name2] [--url http://127.0.0.1:PORT] [--proxy-cost]
 *
 * Starts `next start` on a fresh database (unless --url points at a running server), signs in the
 * demo owner once, then for each scenario in scenarios.ts: setup, one check request (must be
 * 2xx), an unrecorded warm-up and a measured autocannon run. Every scenario is reported as a
 * ratio to the baseline (GET /api/health) measured in the same run, and TARGETS are judged.
 * With REDIS_URL the server reaches Redis through the Upstash REST bridge this harness runs, whose
 * counters give each scenario's Redis round trips per request and cache hit ratio. --proxy-cost
 * then measures the security-header proxy: the workspace read on two more fresh servers, one
 * started with SECURITY_HEADERS=off (honoured on a loopback APP_URL only), in alternating runs.
 * Writes bench/results/<timestamp>.{json,md} and latest.{json,md}; prints the markdown. A full
 * run (no --only) ends with the in-process queue, entitlement and audit benchmarks and, on
 * PostgreSQL (DATABASE_URL), the database-outage scenario (scripts/bench/database-outage.ts).
 * Scenarios may set their own connection count (the operator console's at 10, signed in as the
 * demo platform admin); their ratio is then to the baseline measured at that count.
 *
 * Exit code: 0 when every scenario was measured with only 2xx responses and no errors (even if a
 * target fails – that is reported), 1 when the server could not start or a scenario failed,
 * 2 for bad flags.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startUpstashBridge, type UpstashBridge } from "../lib/upstash-bridge";
import {
  type BenchReport,
  type ProxyCostResult,
  type ProxyCostRun,
  type RedisMode,
  type ScenarioResult,
  type ServerMemory,
  evaluateTargets,
  redisUsage,
  renderMarkdown,
  writeReport,
} from "./report";
import {
  BASELINE_AT,
  BASELINE_SCENARIO,
  type BenchContext,
  DEMO_ADMIN_SIGN_IN,
  DEMO_SIGN_IN,
  type HttpMethod,
  type RequestFeed,
  SCENARIOS,
  type Scenario,
  type ScenarioRequest,
  TARGETS,
} from "./scenarios";
import {
  BENCH_STRIPE_WEBHOOK_SECRET,
  PROJECT_ROOT,
  type StartedServer,
  assertProductionBuild,
  findFreePort,
  findServerPid,
  readMemory,
  startServer,
  waitUntilReady,
} from "./server";

const USAGE = `usage: npm run bench -- [options]

  --duration N       measured seconds per scenario (default 10)
  --connections N    concurrent connections (default 50)
  --warmup N         unrecorded warm-up seconds per scenario (default 3, 0 to skip)
  --only a,b         run only these scenarios (the baseline always runs)
  --url URL          use a running server at http://127.0.0.1:PORT instead of starting one
  --proxy-cost       also measure the security-header proxy on workspace-current-json: two
                     more fresh servers, one with SECURITY_HEADERS=off (not with --url)
  --help             show this help

scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}`;

const RESULTS_DIR = path.join(PROJECT_ROOT, "bench", "results");
/** Pause after start-up before reading the "idle" RSS. */
const IDLE_SETTLE_MS = 2_000;
/** --proxy-cost: the scenario, its target (< 10 % of req/s), and the run order (ABBA). */
const PROXY_COST_SCENARIO = "workspace-current-json";
const PROXY_COST_TARGET = 0.1;
const PROXY_COST_ORDER = [true, false, false, true];

class UsageError extends Error {}

interface Options {
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
  scenarios: Scenario[];
  url: URL | undefined;
  proxyCost: boolean;
}

// ---- Flags -------------------------------------------------------------------------------------

function parseOptions(argv: string[]): Options | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "50" },
        warmup: { type: "string", default: "3" },
        only: { type: "string" },
        url: { type: "string" },
        "proxy-cost": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";

  const durationSeconds = Number(values.duration);
  if (!(Number.isFinite(durationSeconds) && durationSeconds > 0)) {
    throw new UsageError("--duration must be a positive number of seconds");
  }
  const connections = Number(values.connections);
  if (!(Number.isInteger(connections) && connections > 0)) {
    throw new UsageError("--connections must be a positive whole number");
  }
  const warmupSeconds = Number(values.warmup);
  if (values.warmup.trim() === "" || !(Number.isFinite(warmupSeconds) && warmupSeconds >= 0)) {
    throw new UsageError("--warmup must be a number of seconds (0 to skip the warm-up)");
  }
  if (values["proxy-cost"] && values.url !== undefined) {
    throw new UsageError("--proxy-cost starts its own servers and cannot be used with --url");
  }
  return {
    durationSeconds,
    connections,
    warmupSeconds,
    scenarios: selectScenarios(values.only),
    url: values.url === undefined ? undefined : parseLoopbackUrl(values.url),
    proxyCost: values["proxy-cost"],
  };
}

/** The scenarios named by --only, in list order, always with the baseline first. */
function selectScenarios(only: string | undefined): Scenario[] {
  if (only === undefined) return [...SCENARIOS];
  const names = only
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--only needs at least one scenario name");
  const unknown = names.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only: unknown scenario ${unknown.map((n) => `"${n}"`).join(", ")}; ` +
        `known: ${SCENARIOS.map((s) => s.name).join(", ")}`,
    );
  }
  // A scenario at its own connection count brings the baseline measured at that count.
  const baselines = SCENARIOS.filter((s) => names.includes(s.name) && s.connections)
    .map((s) => BASELINE_AT[s.connections!])
    .filter((name): name is string => name !== undefined);
  return SCENARIOS.filter(
    (s) => s.name === BASELINE_SCENARIO || names.includes(s.name) || baselines.includes(s.name),
  );
}

function parseLoopbackUrl(value: string): URL {
  const problem =
    "--url must look like http://127.0.0.1:<port> (the benchmark only targets loopback)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(problem);
  }
  if (
    url.protocol !== "http:" ||
    url.hostname !== "127.0.0.1" ||
    !url.port ||
    url.pathname !== "/"
  ) {
    throw new UsageError(problem);
  }
  return url;
}

// ---- Measuring ---------------------------------------------------------------------------------

let activeLoad: autocannon.Instance | undefined;
/** Set on SIGINT/SIGTERM: the run is abandoned and nothing more is measured or written. */
let interrupted = false;

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    activeLoad = autocannon(options, (error: unknown, result) => {
      activeLoad = undefined;
      if (interrupted) reject(new Error("interrupted"));
      else if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(result);
    });
  });
}

/** Sign a demo user (the owner by default) in once; returns the session as a Cookie header value. */
async function signIn(
  ctx: BenchContext,
  credentials: { email: string; password: string } = DEMO_SIGN_IN,
): Promise<string> {
  const response = await fetch(`${ctx.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ctx.appOrigin },
    body: JSON.stringify(credentials),
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (response.status === 429) {
    throw new Error("Sign-in is rate limited (5 a minute per IP); wait a minute and run again.");
  }
  if (response.status !== 200) {
    throw new Error(
      `Sign-in as ${credentials.email} failed with ${response.status}: ${body.slice(0, 300)}\n` +
        `(The server must have the seeded demo users and APP_URL ${ctx.appOrigin}.)`,
    );
  }
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";", 1)[0]?.trim() ?? "")
    .filter((pair) => pair.includes("="))
    .join("; ");
  if (!cookie) throw new Error("Sign-in answered 200 but set no cookie.");
  return cookie;
}

async function prepareRequest(scenario: Scenario, ctx: BenchContext): Promise<ScenarioRequest> {
  const overrides = (await scenario.setup?.(ctx)) ?? {};
  const request = { ...scenario.request, ...overrides };
  const headers = { ...request.headers };
  if (scenario.authenticated) headers.cookie = ctx.cookie;
  if (scenario.admin) headers.cookie = ctx.adminCookie;
  return { ...request, headers };
}

/** One request before measuring: a scenario that does not answer 2xx is not worth measuring. */
async function checkRequest(baseUrl: string, request: ScenarioRequest): Promise<void> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (response.status < 200 || response.status > 299) {
    throw new Error(
      `${request.method} ${request.path} answered ${response.status}, expected 2xx: ` +
        body.slice(0, 300).replace(/\s+/g, " "),
    );
  }
}

async function measureScenario(
  scenario: Scenario,
  ctx: BenchContext,
  options: Options,
): Promise<Omit<ScenarioResult, "ratio">> {
  const base = {
    name: scenario.name,
    description: scenario.description,
    method: scenario.request.method,
    path: scenario.request.path,
    authenticated: scenario.authenticated ?? scenario.admin ?? false,
    connections: scenario.connections ?? options.connections,
  };
  let request: ScenarioRequest;
  try {
    request = await prepareRequest(scenario, ctx);
    await checkRequest(ctx.baseUrl, request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, ...notMeasured(), error: message, failed: true };
  }

  const loadOptions: autocannon.Options = {
    url: `${ctx.baseUrl}${request.path}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    requests: request.feed
      ? feedRequests(request.method, request.feed)
      : request.paths
        ? request.paths.map((path) => ({ method: request.method, path }))
        : request.bodies?.map((body) => ({ method: request.method, body })),
    connections: base.connections,
  };
  if (options.warmupSeconds > 0) await load({ ...loadOptions, duration: options.warmupSeconds });
  bridge?.resetStats();
  const result = await load({ ...loadOptions, duration: options.durationSeconds });
  const counted = bridge?.stats();
  const wrong = scenario.verify
    ? await scenario.verify(ctx).catch((e: unknown) => String(e))
    : null;

  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stats.count ?? 0;
  }
  return {
    ...base,
    path: request.path,
    reqPerSec: result.requests.mean,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    maxMs: result.latency.max,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    redis: counted ? redisUsage(counted, result.requests.total) : null,
    ...(wrong ? { error: wrong } : {}),
    failed: Boolean(wrong) || result.non2xx > 0 || result.errors > 0 || result.requests.total === 0,
  };
}

/**
 * One autocannon request that takes the feed's next entry each time it is sent, on whichever
 * connection, and reports its answer. Each connection has one request in flight (no
 * pipelining), so the entry kept in the connection's context is the one being answered.
 */
function feedRequests(method: HttpMethod, feed: RequestFeed): autocannon.Request[] {
  type FeedContext = { fed?: ReturnType<RequestFeed["next"]> };
  return [
    {
      method,
      setupRequest(request, context) {
        const fed = feed.next();
        (context as FeedContext).fed = fed;
        return { ...request, body: fed.body, headers: { ...request.headers, ...fed.headers } };
      },
      onResponse(status, _body, context) {
        const fed = (context as FeedContext).fed;
        if (fed) feed.answered(fed, status);
      },
    },
  ];
}

function notMeasured() {
  return {
    reqPerSec: 0,
    p50Ms: 0,
    p99Ms: 0,
    meanMs: 0,
    maxMs: 0,
    totalRequests: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
  };
}

// ---- Run ---------------------------------------------------------------------------------------

let server: StartedServer | undefined;

async function main(options: Options): Promise<number> {
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg();
  let baseUrl: string;
  if (options.url) {
    baseUrl = options.url.origin;
    await waitUntilReady(baseUrl, 10_000);
  } else {
    assertProductionBuild();
    // With a local Redis, the server uses it through the Upstash REST bridge, as in production.
    if (process.env.REDIS_URL && !process.env.UPSTASH_REDIS_REST_URL) {
      bridge = await startUpstashBridge({ redisUrl: process.env.REDIS_URL });
      process.env.UPSTASH_REDIS_REST_URL = bridge.url;
      process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
      console.log(
        `Redis: ${process.env.REDIS_URL} through the Upstash REST bridge at ${bridge.url}.`,
      );
    }
    const port = await findFreePort();
    console.log(`Starting next start on port ${port} with a fresh database…`);
    server = startServer(port);
    await server.ready;
    baseUrl = server.baseUrl;
  }
  const port = Number(new URL(baseUrl).port);
  console.log(`Server ready at ${baseUrl}.`);
  const redisMode: RedisMode = options.url
    ? "external"
    : process.env.UPSTASH_REDIS_REST_URL
      ? bridge
        ? "bridge"
        : "external"
      : "in-memory";

  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const serverPid = findServerPid(port, server?.pid);
  const idle = serverPid === undefined ? undefined : readMemory(serverPid);
  if (!idle) console.warn("Could not find the serving process in /proc; RSS is not reported.");

  const ctx: BenchContext = {
    baseUrl,
    appOrigin: `http://localhost:${port}`,
    cookie: "",
    adminCookie: "",
    databaseUrl: server?.databaseUrl(),
    // A server we started verifies with the emulator's secret; one at --url with its own.
    stripeWebhookSecret: server
      ? BENCH_STRIPE_WEBHOOK_SECRET
      : process.env.STRIPE_WEBHOOK_SECRET || BENCH_STRIPE_WEBHOOK_SECRET,
  };
  if (options.scenarios.some((s) => s.authenticated)) {
    ctx.cookie = await signIn(ctx);
    console.log(`Signed in as ${DEMO_SIGN_IN.email}.`);
  }
  if (options.scenarios.some((s) => s.admin)) {
    ctx.adminCookie = await signIn(ctx, DEMO_ADMIN_SIGN_IN);
    console.log(`Signed in as ${DEMO_ADMIN_SIGN_IN.email} (platform admin).`);
  }

  const measured: Omit<ScenarioResult, "ratio">[] = [];
  for (const scenario of options.scenarios) {
    console.log(
      `→ ${scenario.name}: ${options.warmupSeconds} s warm-up, ${options.durationSeconds} s ` +
        `measured, ${scenario.connections ?? options.connections} connections`,
    );
    const result = await measureScenario(scenario, ctx, options);
    if (result.error) {
      console.error(`  ✗ ${scenario.name} could not be measured: ${result.error}`);
      if (scenario.name === BASELINE_SCENARIO) {
        throw new Error("The baseline could not be measured, so no ratio can be computed.");
      }
    } else {
      console.log(
        `  ${Math.round(result.reqPerSec)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms` +
          (result.failed ? `, ✗ ${result.non2xx} non-2xx, ${result.errors} errors` : ""),
      );
    }
    measured.push(result);
  }

  // Read before --proxy-cost stops this server.
  const final = serverPid === undefined ? undefined : readMemory(serverPid);
  const startedServer = server !== undefined;
  let proxyCost: ProxyCostResult | null = null;
  if (options.proxyCost) {
    const running = server;
    server = undefined;
    await running?.stop(); // the comparison gets the machine to itself
    proxyCost = await measureProxyCost(options);
  }

  // Each ratio is to the baseline at the scenario's connection count when that was measured.
  const baselineOf = (connections: number) => {
    const atCount = BASELINE_AT[connections];
    const named = connections === options.connections ? BASELINE_SCENARIO : atCount;
    const found = measured.find((s) => s.name === named && !s.error);
    return (found ?? measured.find((s) => s.name === BASELINE_SCENARIO))?.reqPerSec ?? 0;
  };
  const scenarios: ScenarioResult[] = measured.map((s) => {
    const baselineReqPerSec = baselineOf(s.connections);
    return {
      ...s,
      ratio: s.error || baselineReqPerSec === 0 ? 0 : s.reqPerSec / baselineReqPerSec,
    };
  });
  const memory: ServerMemory | null =
    serverPid !== undefined && idle && final
      ? {
          pid: serverPid,
          idleRssMb: idle.rssMb,
          finalRssMb: final.rssMb,
          peakRssMb: final.peakRssMb,
        }
      : null;

  const report: BenchReport = {
    schemaVersion: 1,
    date: startedAt.toISOString(),
    git: gitInfo(),
    machine: {
      platform: `${os.platform()} ${os.release()}`,
      arch: os.arch(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
      totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
      loadAverageAtStart,
      node: process.version,
      next: nextVersion(),
    },
    config: {
      baseUrl,
      startedServer,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      scenarios: options.scenarios.map((s) => s.name),
      redis: redisMode,
    },
    server: memory,
    scenarios,
    targets: evaluateTargets(TARGETS, scenarios, memory, options.connections),
    proxyCost,
    ok: scenarios.every((s) => !s.failed) && !proxyCost?.error,
  };

  const files = writeReport(report, RESULTS_DIR);
  console.log(`\n${renderMarkdown(report)}`);
  console.log(`Wrote ${path.relative(PROJECT_ROOT, files.json)} and .md (and latest.*).`);
  const failedTargets = report.targets.filter((t) => t.outcome === "FAIL").length;
  if (failedTargets > 0)
    console.log(`${failedTargets} target(s) not met (reported, not an error).`);
  if (!report.ok) console.error("Some scenarios failed (errors or non-2xx responses); see above.");
  return report.ok ? 0 : 1;
}

function gitInfo(): BenchReport["git"] {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: PROJECT_ROOT, encoding: "utf8", stdio: "pipe" }).trim();
  try {
    const commit = git("rev-parse", "--short", "HEAD");
    const dirty = git("status", "--porcelain", "--", ".", ":!bench/results") !== "";
    return { commit, dirty };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

function nextVersion(): string {
  try {
    const file = path.join(PROJECT_ROOT, "node_modules", "next", "package.json");
    const { version } = JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string };
    return version ?? "unknown";
  } catch {
    return "unknown";
  }
}

// ---- Proxy cost (--proxy-cost) ------------------------------------------------------------------

/** Servers started for the proxy-cost comparison (stopped with the rest on exit or Ctrl-C). */
const proxyServers: StartedServer[] = [];

/**
 * The workspace read on two fresh servers (no scale board: the read does not need it), one
 * started with SECURITY_HEADERS=off, in ABBA order so that drift over time cancels out.
 */
async function measureProxyCost(options: Options): Promise<ProxyCostResult> {
  const scenario = SCENARIOS.find((s) => s.name === PROXY_COST_SCENARIO)!;
  const result: ProxyCostResult = {
    scenario: scenario.name,
    runs: [],
    withHeaders: 0,
    withoutHeaders: 0,
    cost: 0,
    target: PROXY_COST_TARGET,
    outcome: "SKIPPED",
  };
  try {
    const contexts = new Map<boolean, BenchContext>();
    for (const headers of [true, false]) {
      const port = await findFreePort();
      console.log(
        `Proxy cost: starting a fresh server on port ${port} ` +
          (headers ? "with the header work…" : "with SECURITY_HEADERS=off…"),
      );
      const started = startServer(port, {
        scale: false,
        env: headers ? {} : { SECURITY_HEADERS: "off" },
      });
      proxyServers.push(started);
      await started.ready;
      const ctx: BenchContext = {
        baseUrl: started.baseUrl,
        appOrigin: `http://localhost:${port}`,
        cookie: "",
        adminCookie: "",
        databaseUrl: started.databaseUrl(),
        stripeWebhookSecret: BENCH_STRIPE_WEBHOOK_SECRET,
      };
      ctx.cookie = await signIn(ctx);
      await assertHeaderWork(ctx, headers);
      contexts.set(headers, ctx);
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS)); // let start-up work end
    for (const headers of PROXY_COST_ORDER) {
      console.log(`→ ${scenario.name} ${headers ? "with headers" : "with SECURITY_HEADERS=off"}`);
      const measured = await measureScenario(scenario, contexts.get(headers)!, options);
      if (measured.error || measured.failed) {
        throw new Error(measured.error ?? `${measured.non2xx} non-2xx, ${measured.errors} errors`);
      }
      console.log(`  ${Math.round(measured.reqPerSec)} req/s, p99 ${measured.p99Ms} ms`);
      const run: ProxyCostRun = {
        headers,
        reqPerSec: measured.reqPerSec,
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        non2xx: measured.non2xx,
        errors: measured.errors,
      };
      result.runs.push(run);
    }
    const mean = (headers: boolean) => {
      const runs = result.runs.filter((run) => run.headers === headers);
      return runs.reduce((sum, run) => sum + run.reqPerSec, 0) / runs.length;
    };
    result.withHeaders = mean(true);
    result.withoutHeaders = mean(false);
    result.cost = 1 - result.withHeaders / result.withoutHeaders;
    result.outcome = result.cost < PROXY_COST_TARGET ? "PASS" : "FAIL";
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    console.error(`  ✗ proxy cost could not be measured: ${result.error}`);
  } finally {
    await Promise.all(proxyServers.splice(0).map((started) => started.stop()));
  }
  return result;
}

/** The switch must have taken: a CSP on the normal server, none on the SECURITY_HEADERS=off one. */
async function assertHeaderWork(ctx: BenchContext, expected: boolean): Promise<void> {
  const response = await fetch(`${ctx.baseUrl}/api/health`, {
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  if (response.headers.has("content-security-policy") !== expected) {
    throw new Error(
      expected
        ? "the normal server sent no Content-Security-Policy"
        : "SECURITY_HEADERS=off was not honoured (is APP_URL a loopback address?)",
    );
  }
}

let bridge: UpstashBridge | undefined;

async function stopServer(): Promise<void> {
  const running = [...(server ? [server] : []), ...proxyServers.splice(0)];
  server = undefined;
  await Promise.all(running.map((started) => started.stop()));
  const stopping = bridge;
  bridge = undefined;
  if (stopping) await stopping.stop();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the load and the server…`);
    activeLoad?.stop();
    void stopServer().finally(() => process.exit(130));
  });
}

let options: Options | "help";
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options === "help") {
  console.log(USAGE);
  process.exit(0);
}

/**
 * An in-process benchmark after the HTTP scenarios: the job queue (scripts/bench/queue.ts), the
 * entitlement checks (scripts/bench/billing.ts) or the audit write (scripts/bench/audit.ts).
 */
function runInProcessBench(script: string, args: string[] = []): number {
  try {
    execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
    });
    return 0;
  } catch {
    return 1;
  }
}

/**
 * Request latency during a 10 s database outage (scripts/bench/database-outage.ts): it cuts a TCP
 * proxy in front of PostgreSQL, so it needs DATABASE_URL; on the embedded PGlite it is skipped.
 */
function runOutageBench(): number {
  if (!process.env.DATABASE_URL) {
    console.log(
      "\ndatabase-outage: skipped (needs PostgreSQL: set DATABASE_URL; PGlite has no outage to cut).",
    );
    return 0;
  }
  console.log(
    "\ndatabase-outage: request latency while PostgreSQL is stopped 10 s, then frozen 10 s",
  );
  return runInProcessBench("scripts/bench/database-outage.ts", ["--outage", "10"]);
}

const runAll = options.scenarios.length === SCENARIOS.length;
main(options)
  .then(async (code) => {
    if (interrupted) return;
    await stopServer();
    const queueCode = runAll ? runInProcessBench("scripts/bench/queue.ts") : 0;
    const billingCode = runAll ? runInProcessBench("scripts/bench/billing.ts") : 0;
    const auditCode = runAll ? runInProcessBench("scripts/bench/audit.ts") : 0;
    const outageCode = runAll ? runOutageBench() : 0;
    process.exit(code || queueCode || billingCode || auditCode || outageCode);
  })
  .catch(async (error: unknown) => {
    if (interrupted) return;
    console.error(error instanceof Error ? error.message : error);
    await stopServer();
    process.exit(1);
  });
