/**
 * The benchmark report: the result types, judging TARGETS against a run, rendering the markdown
 * table, and writing bench/results/<timestamp>.{json,md} plus latest.{json,md}.
 *
 * Ratios are scenario req/s ÷ baseline req/s from the same run, so they stay comparable across
 * machines where raw req/s do not. Memory is in MiB (1024 × 1024 bytes), written "MB".
 * Redis use is counted by the Upstash bridge the harness runs (outside the app): round trips and
 * cache lookups during each measured run, divided by the requests autocannon completed.
 */
import fs from "node:fs";
import path from "node:path";
import type { ScenarioMetric, ServerMetric, Target } from "./scenarios";

export interface ScenarioResult {
  name: string;
  description: string;
  method: string;
  path: string;
  authenticated: boolean;
  /** Concurrent connections it was measured with (absent in older reports: the run's). */
  connections: number;
  /** Set when the scenario could not be measured (setup or check request failed). */
  error?: string;
  /** Mean requests per second over the measured run. */
  reqPerSec: number;
  /** reqPerSec ÷ the baseline's reqPerSec. */
  ratio: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  totalRequests: number;
  non2xx: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Errors, non-2xx responses, or not measured at all. */
  failed: boolean;
  /** What the server asked of Redis during the measured run; null unless the bridge is ours. */
  redis?: RedisUsage | null;
}

/** Counted by the harness's Upstash bridge over one measured run (scripts/lib/upstash-bridge.ts). */
export interface RedisUsage {
  /** HTTP requests the bridge received: one per client round trip (a pipeline is one). */
  roundTrips: number;
  /** Redis commands run (a pipeline of n counts n). */
  commands: number;
  /** Cache lookups (an entry read with its tag tokens) and those that found it fresh and current. */
  cacheLookups: number;
  cacheHits: number;
  /** Lookups that found a current entry past its ttl (served stale or reloaded). */
  cacheStale: number;
  roundTripsPerRequest: number;
  commandsPerRequest: number;
  /** cacheHits ÷ cacheLookups; null when the scenario made no lookups. */
  hitRatio: number | null;
}

/** Where the server's cache and rate limits lived during the run. */
export type RedisMode = "bridge" | "in-memory" | "external";

/** One measured run of the proxy-cost comparison. */
export interface ProxyCostRun {
  headers: boolean;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** `--proxy-cost`: one scenario on two fresh servers, with and without SECURITY_HEADERS=off. */
export interface ProxyCostResult {
  scenario: string;
  runs: ProxyCostRun[];
  /** Mean req/s over the runs of each server. */
  withHeaders: number;
  withoutHeaders: number;
  /** 1 − withHeaders ÷ withoutHeaders. */
  cost: number;
  target: number;
  outcome: TargetOutcome;
  error?: string;
}

export interface ServerMemory {
  pid: number;
  idleRssMb: number;
  finalRssMb: number;
  peakRssMb: number;
}

export type TargetOutcome = "PASS" | "FAIL" | "SKIPPED";

export interface TargetResult {
  label: string;
  source: string;
  scenario: string | null;
  metric: ScenarioMetric | ServerMetric;
  comparator: Target["comparator"];
  threshold: number;
  actual: number | null;
  outcome: TargetOutcome;
  note?: string;
}

export interface BenchReport {
  schemaVersion: 1;
  date: string;
  git: { commit: string; dirty: boolean };
  machine: {
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    totalMemoryMb: number;
    loadAverageAtStart: number[];
    node: string;
    next: string;
  };
  config: {
    baseUrl: string;
    /** True when the harness started (and stopped) the server on a fresh database. */
    startedServer: boolean;
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    scenarios: string[];
    /** Absent in reports written before Redis use was counted. */
    redis?: RedisMode;
  };
  /** Null when the serving process could not be found (not Linux, or a remote --url). */
  server: ServerMemory | null;
  scenarios: ScenarioResult[];
  targets: TargetResult[];
  /** Only with --proxy-cost. */
  proxyCost?: ProxyCostResult | null;
  /** Every scenario answered only 2xx without errors. Targets do not affect this. */
  ok: boolean;
}

// ---- Targets -----------------------------------------------------------------------------------

const METRIC_LABELS: Record<ScenarioMetric | ServerMetric, { name: string; unit: string }> = {
  ratio: { name: "ratio", unit: "" },
  reqPerSec: { name: "req/s", unit: "" },
  p50Ms: { name: "p50", unit: " ms" },
  p99Ms: { name: "p99", unit: " ms" },
  idleRssMb: { name: "idle RSS", unit: " MB" },
  finalRssMb: { name: "RSS after run", unit: " MB" },
  peakRssMb: { name: "peak RSS", unit: " MB" },
};

const COMPARATOR_SYMBOLS: Record<Target["comparator"], string> = {
  "<": "<",
  "<=": "≤",
  ">": ">",
  ">=": "≥",
};

export function describeTarget(
  target: Pick<TargetResult, "metric" | "comparator" | "threshold">,
): string {
  const { name, unit } = METRIC_LABELS[target.metric];
  return `${name} ${COMPARATOR_SYMBOLS[target.comparator]} ${formatMetric(target.metric, target.threshold)}${unit}`;
}

export function evaluateTargets(
  targets: readonly Target[],
  scenarios: ScenarioResult[],
  server: ServerMemory | null,
  connections: number,
): TargetResult[] {
  return targets.map((target) => {
    const base = {
      label: `${target.scenario ? `${target.scenario}: ` : "server: "}${describeTarget(target)}`,
      source: target.source,
      scenario: target.scenario ?? null,
      metric: target.metric,
      comparator: target.comparator,
      threshold: target.threshold,
    };
    const skipped = (note: string): TargetResult => ({
      ...base,
      actual: null,
      outcome: "SKIPPED",
      note,
    });

    const used =
      (target.scenario && scenarios.find((s) => s.name === target.scenario)?.connections) ||
      connections;
    if (target.connections !== undefined && target.connections !== used) {
      return skipped(`defined at ${target.connections} connections, this run used ${used}`);
    }
    let actual: number;
    if (target.scenario === undefined) {
      if (!server) return skipped("server memory not available");
      actual = server[target.metric];
    } else {
      const result = scenarios.find((s) => s.name === target.scenario);
      if (!result) return skipped("scenario not run");
      if (result.error) return skipped("scenario could not be measured");
      actual = result[target.metric];
    }
    return { ...base, actual, outcome: compare(actual, target) ? "PASS" : "FAIL" };
  });
}

function compare(actual: number, { comparator, threshold }: Target): boolean {
  switch (comparator) {
    case "<":
      return actual < threshold;
    case "<=":
      return actual <= threshold;
    case ">":
      return actual > threshold;
    case ">=":
      return actual >= threshold;
  }
}

// ---- Markdown ----------------------------------------------------------------------------------

export function renderMarkdown(report: BenchReport): string {
  const { config, machine, git, server } = report;
  const lines = [
    `# Benchmark ${report.date}`,
    "",
    `commit \`${git.commit}\`${git.dirty ? " (uncommitted changes)" : ""} · Node ${machine.node} · ` +
      `Next.js ${machine.next} · ${machine.cpus} × ${machine.cpuModel} · ` +
      `load ${machine.loadAverageAtStart.map((n) => n.toFixed(2)).join(" ")}`,
    "",
    `${config.connections} connections · ${config.durationSeconds} s measured after ` +
      `${config.warmupSeconds} s warm-up · ` +
      (config.startedServer ? "fresh `next start` server" : `existing server at ${config.baseUrl}`),
    "",
    markdownTable(scenarioRows(report)),
    "",
    server
      ? `Server (pid ${server.pid}) RSS: ${formatNumber(server.idleRssMb)} MB idle, ` +
        `${formatNumber(server.finalRssMb)} MB after the run, ${formatNumber(server.peakRssMb)} MB peak.`
      : "Server RSS: not available (the serving process could not be found in /proc).",
    "",
    "## Targets",
    "",
    markdownTable([
      ["target", "actual", "result"],
      ...report.targets.map((t) => [
        t.label,
        t.actual === null ? "—" : formatMetric(t.metric, t.actual),
        t.note ? `${t.outcome} (${t.note})` : t.outcome,
      ]),
    ]),
  ];
  if (report.proxyCost) lines.push("", ...proxyCostLines(report.proxyCost));
  const broken = report.scenarios.filter((s) => s.error);
  if (broken.length > 0) {
    lines.push("", "## Errors", "", ...broken.map((s) => `- **${s.name}**: ${s.error}`));
  }
  return `${lines.join("\n")}\n`;
}

/** The main table: one row per scenario, plus the server-level targets (idle RSS …). */
export function scenarioRows(report: BenchReport): string[][] {
  const rows = [
    [
      "scenario",
      "conns",
      "req/s",
      "ratio to baseline",
      "p50 ms",
      "p99 ms",
      "non-2xx",
      "Redis round trips / request",
      "cache hit ratio",
      "target",
      "result",
    ],
  ];
  for (const s of report.scenarios) {
    const targets = report.targets.filter((t) => t.scenario === s.name);
    const measured = !s.error;
    const redis = measured ? redisColumns(report.config.redis, s.redis) : { trips: "—", hits: "—" };
    rows.push([
      s.name,
      String(s.connections),
      measured ? formatNumber(s.reqPerSec) : "—",
      measured ? s.ratio.toFixed(2) : "—",
      measured ? formatNumber(s.p50Ms) : "—",
      measured ? formatNumber(s.p99Ms) : "—",
      measured ? String(s.non2xx) : "—",
      redis.trips,
      redis.hits,
      targets.map((t) => t.label.slice(s.name.length + 2)).join("; ") || "—",
      scenarioOutcome(s, targets),
    ]);
  }
  for (const t of report.targets.filter((t) => t.scenario === null)) {
    rows.push([
      `(server) ${METRIC_LABELS[t.metric].name}`,
      ...Array<string>(8).fill(""),
      describeTarget(t) + (t.actual === null ? "" : ` (actual ${formatNumber(t.actual)} MB)`),
      t.outcome,
    ]);
  }
  return rows;
}

/** "Redis round trips / request" and "cache hit ratio" cells. */
function redisColumns(mode: RedisMode | undefined, redis: RedisUsage | null | undefined) {
  if (mode === "in-memory") return { trips: "n/a (in-memory)", hits: "n/a (in-memory)" };
  if (!redis) return { trips: "n/a (not counted)", hits: "n/a (not counted)" };
  const hits =
    redis.hitRatio === null
      ? "— (no lookups)"
      : `${(redis.hitRatio * 100).toFixed(1)} % of ${redis.cacheLookups}`;
  return { trips: redis.roundTripsPerRequest.toFixed(2), hits };
}

/** Redis use over a measured run, per completed request. */
export function redisUsage(
  counted: {
    requests: number;
    commands: number;
    cacheLookups: number;
    cacheHits: number;
    cacheStale: number;
  },
  requests: number,
): RedisUsage {
  const per = (n: number) => (requests > 0 ? n / requests : 0);
  return {
    roundTrips: counted.requests,
    commands: counted.commands,
    cacheLookups: counted.cacheLookups,
    cacheHits: counted.cacheHits,
    cacheStale: counted.cacheStale,
    roundTripsPerRequest: per(counted.requests),
    commandsPerRequest: per(counted.commands),
    hitRatio: counted.cacheLookups > 0 ? counted.cacheHits / counted.cacheLookups : null,
  };
}

function proxyCostLines(result: ProxyCostResult): string[] {
  const lines = [
    "## Proxy cost",
    "",
    `\`${result.scenario}\` on two fresh servers, alternating runs: one with the proxy's header ` +
      "work (request id, CSP nonce, security headers), one started with `SECURITY_HEADERS=off`.",
    "",
  ];
  if (result.error) return [...lines, `Not measured: ${result.error}`];
  lines.push(
    markdownTable([
      ["run", "server", "req/s", "p50 ms", "p99 ms", "non-2xx"],
      ...result.runs.map((run, i) => [
        String(i + 1),
        run.headers ? "with headers" : "SECURITY_HEADERS=off",
        formatNumber(run.reqPerSec),
        formatNumber(run.p50Ms),
        formatNumber(run.p99Ms),
        String(run.non2xx),
      ]),
    ]),
    "",
    `Proxy cost = 1 − ${formatNumber(result.withHeaders)} ÷ ${formatNumber(result.withoutHeaders)} ` +
      `req/s = **${(result.cost * 100).toFixed(1)} %** (target < ${result.target * 100} %): ` +
      `**${result.outcome}**`,
  );
  return lines;
}

function scenarioOutcome(s: ScenarioResult, targets: TargetResult[]): string {
  if (s.error) return "ERROR (not measured)";
  if (s.failed) {
    const problems = [
      s.non2xx > 0 ? `${s.non2xx} non-2xx` : "",
      s.errors > 0 ? `${s.errors} errors` : "",
    ];
    return `ERROR (${problems.filter(Boolean).join(", ")})`;
  }
  if (targets.length === 0) return "—";
  if (targets.some((t) => t.outcome === "FAIL")) return "FAIL";
  if (targets.every((t) => t.outcome === "SKIPPED")) return "SKIPPED";
  return "PASS";
}

function markdownTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(3, ...rows.map((row) => (row[column] ?? "").length)),
  );
  if (!widths) return "";
  const line = (row: string[]) =>
    `| ${widths.map((width, column) => (row[column] ?? "").padEnd(width)).join(" | ")} |`;
  const [header, ...body] = rows;
  return [
    line(header ?? []),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...body.map(line),
  ].join("\n");
}

/** Ratios with two decimals, like the table's ratio column; other numbers via formatNumber. */
function formatMetric(metric: TargetResult["metric"], value: number): string {
  return metric === "ratio" ? value.toFixed(2) : formatNumber(value);
}

/** 3 significant digits for small numbers, whole numbers from 100 up. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100
    ? Math.round(value).toString()
    : Number(value.toPrecision(3)).toString();
}

// ---- Files -------------------------------------------------------------------------------------

/** Write <timestamp>.json/.md and overwrite latest.json/.md; returns the timestamped paths. */
export function writeReport(report: BenchReport, resultsDir: string): { json: string; md: string } {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, "-");
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const md = renderMarkdown(report);
  const files = {
    json: path.join(resultsDir, `${stamp}.json`),
    md: path.join(resultsDir, `${stamp}.md`),
  };
  fs.writeFileSync(files.json, json);
  fs.writeFileSync(files.md, md);
  fs.writeFileSync(path.join(resultsDir, "latest.json"), json);
  fs.writeFileSync(path.join(resultsDir, "latest.md"), md);
  return files;
}
