import { backupsConfigured, backupStore } from "@/lib/backup/config";
import { nowMs } from "@/lib/clock";
import { probeDatabase, ProbeTimeoutError } from "@/lib/db/probe";
import { queueStats } from "@/lib/jobs/admin";
import { getRedis } from "@/lib/redis/client";
import { createOutageLog, type OutageLog } from "./outage-log";

/** No check waits longer than this; a slower dependency counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;

/** Queue lag above either threshold makes the instance "degraded" (a warning, not a failure). */
export const QUEUE_WARN_DUE = 1_000;
export const QUEUE_WARN_OLDEST_DUE_MS = 5 * 60_000;

/** Backups run every 6 hours; the newest older than this makes the instance "degraded". */
export const BACKUP_WARN_AGE_MS = 7 * 60 * 60_000;

export type CheckStatus = "ok" | "warn" | "fail" | "not_configured";

export interface DependencyCheck {
  status: CheckStatus;
  latencyMs?: number;
  /** Generic on purpose: no host names, URLs or driver messages leave the server. */
  error?: "timeout" | "unavailable";
}

export interface QueueCheck extends DependencyCheck {
  due?: number;
  oldestDueAgeMs?: number;
  dead?: number;
}

export interface Readiness {
  status: "ok" | "degraded" | "down";
  checks: {
    database: DependencyCheck;
    redis: DependencyCheck;
    queue: QueueCheck;
    backup: BackupCheck;
  };
}

export interface BackupCheck extends DependencyCheck {
  /** The newest complete backup: its id, when it was taken, and its age. */
  latestId?: string | null;
  latestAt?: string | null;
  ageMs?: number | null;
}

export interface ReadinessProbes {
  database: (timeoutMs: number) => Promise<unknown>;
  /** null when Redis is not configured (single-instance mode). */
  redis: (() => Promise<unknown>) | null;
  queue: () => Promise<{ due: number; oldestDueAgeMs: number; dead: number }>;
  /** The newest backup's id and time; null/absent when backups are not configured. */
  backup?: (() => Promise<{ id: string; createdAt: string } | null>) | null;
}

function defaultProbes(): ReadinessProbes {
  const redis = getRedis();
  return {
    // Its own connection, not the app's pool (lib/db/probe.ts).
    database: probeDatabase,
    redis: redis ? () => redis.ping() : null,
    queue: () => queueStats(),
    backup: backupsConfigured() ? async () => (await backupStore()).latest() : null,
  };
}

class CheckTimeout extends Error {
  override name = "CheckTimeout";
  override message = "timed out";
}

/** Per check: a line when it starts failing, each minute while it fails, when it recovers. */
const outages = new Map<string, OutageLog>();
function outageOf(name: string): OutageLog {
  let outage = outages.get(name);
  if (!outage) outages.set(name, (outage = createOutageLog(`Readiness check ${name}`)));
  return outage;
}

async function timed<T>(
  name: string,
  run: (timeoutMs: number) => Promise<T>,
  timeoutMs: number,
): Promise<{ ok: true; value: T; latencyMs: number } | { ok: false; check: DependencyCheck }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      run(timeoutMs),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
      }),
    ]);
    outageOf(name).ok();
    return { ok: true, value, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const timeout = error instanceof CheckTimeout || error instanceof ProbeTimeoutError;
    // The real cause stays in the server log.
    outageOf(name).failed(error);
    return {
      ok: false,
      check: { status: "fail", latencyMs, error: timeout ? "timeout" : "unavailable" },
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this instance can serve traffic. All checks run in parallel, each bounded by
 * `timeoutMs`. The database decides: without it nothing works, so it failing makes the instance
 * "down" (503, take it out of rotation). Redis failing only makes it "degraded" (200): every page
 * and API call still works (caches fall back to the database, ordinary rate limits fail open;
 * sign-in, sign-up and account emails answer 503), and every instance shares one Redis, so a 503 would pull them all
 * at once. Queue lag or a failing queue read is "degraded" too.
 */
export async function checkReadiness(
  options: { probes?: Partial<ReadinessProbes>; timeoutMs?: number } = {},
): Promise<Readiness> {
  const probes: ReadinessProbes = { ...defaultProbes(), ...options.probes };
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;

  const [database, redis, queue, backup] = await Promise.all([
    timed("database", probes.database, timeoutMs),
    probes.redis ? timed("redis", probes.redis, timeoutMs) : null,
    timed("queue", probes.queue, timeoutMs),
    probes.backup ? timed("backup", probes.backup, timeoutMs) : null,
  ]);

  const checks: Readiness["checks"] = {
    database: database.ok ? { status: "ok", latencyMs: database.latencyMs } : database.check,
    redis: !redis
      ? { status: "not_configured" }
      : redis.ok
        ? { status: "ok", latencyMs: redis.latencyMs }
        : redis.check,
    queue: queue.ok
      ? {
          status:
            queue.value.due > QUEUE_WARN_DUE ||
            queue.value.oldestDueAgeMs > QUEUE_WARN_OLDEST_DUE_MS
              ? "warn"
              : "ok",
          latencyMs: queue.latencyMs,
          due: queue.value.due,
          oldestDueAgeMs: queue.value.oldestDueAgeMs,
          dead: queue.value.dead,
        }
      : queue.check,
    backup: backupCheck(backup),
  };

  const down = checks.database.status === "fail";
  const degraded =
    checks.redis.status === "fail" ||
    checks.queue.status !== "ok" ||
    checks.backup.status === "warn" ||
    checks.backup.status === "fail";
  return { status: down ? "down" : degraded ? "degraded" : "ok", checks };
}

/** No backup yet, or the newest older than BACKUP_WARN_AGE_MS: "warn" (degraded, not down). */
function backupCheck(
  result: Awaited<ReturnType<typeof timed<{ id: string; createdAt: string } | null>>> | null,
): BackupCheck {
  if (!result) return { status: "not_configured" };
  if (!result.ok) return result.check;
  const latest = result.value;
  if (!latest) {
    return {
      status: "warn",
      latencyMs: result.latencyMs,
      latestId: null,
      latestAt: null,
      ageMs: null,
    };
  }
  const ageMs = Math.max(0, nowMs() - Date.parse(latest.createdAt));
  return {
    status: ageMs > BACKUP_WARN_AGE_MS ? "warn" : "ok",
    latencyMs: result.latencyMs,
    latestId: latest.id,
    latestAt: latest.createdAt,
    ageMs,
  };
}
