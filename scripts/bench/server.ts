/**
 * The server under test: start a production server on a fresh database, wait until it answers,
 * stop it (also when the benchmark fails or is interrupted), and read its memory use.
 *
 * The server is `tsx scripts/run.ts start --fresh-database`, which runs `tsx` → `node
 * scripts/run.ts` → `next start`. It is spawned in its own process group so Ctrl-C reaches only
 * the benchmark, which then stops the server in order: SIGTERM to the child (run.ts forwards it to
 * Next.js and stops the database), then SIGKILL to the whole group if it is still there after 15 s.
 *
 * Billing always runs on the local Stripe emulator that scripts/run.ts starts (STRIPE_* are blanked
 * for the child, so neither this shell nor .env files point it at Stripe), so the app verifies
 * webhooks with the emulator's default secret, BENCH_STRIPE_WEBHOOK_SECRET.
 *
 * Memory is read from /proc (Linux only): the process that owns the listening socket is the one
 * serving requests, so that is whose VmRSS we report.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET } from "../lib/stripe-emulator/index";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

const READY_TIMEOUT_MS = 90_000;
/** With --scale the server seeds 100,000 users and 1,000,000 history rows before it listens. */
const READY_TIMEOUT_SCALE_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_TAIL_LINES = 60;

/** The webhook signing secret of a server this harness started (the emulator's default). */
export const BENCH_STRIPE_WEBHOOK_SECRET = DEFAULT_EMULATOR_WEBHOOK_SECRET;

export class ServerError extends Error {}

export interface StartedServer {
  baseUrl: string;
  port: number;
  /** The spawned `tsx scripts/run.ts` process (its group contains Next.js). */
  pid: number;
  /** Resolves once GET /api/health answers 200; rejects if the server exits or times out. */
  ready: Promise<void>;
  /** The last lines the server printed, for error messages. */
  outputTail(): string;
  /** The URL of the server's fresh database, once it is migrated and seeded (else undefined). */
  databaseUrl(): string | undefined;
  stop(): Promise<void>;
}

/** Fail early, with the fix, when there is no production build to start. */
export function assertProductionBuild(): void {
  if (!fs.existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
    throw new ServerError(
      "No production build found (.next/BUILD_ID is missing): run `npm run build` first.",
    );
  }
}

/** A TCP port that is free on loopback right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("could not pick a free port"))));
    });
  });
}

export interface ServerOptions {
  /** Seed the scale data, lib/db/seed-scale.ts (default true). */
  scale?: boolean;
  /** Extra environment for this server only (e.g. SECURITY_HEADERS=off for --proxy-cost). */
  env?: Record<string, string>;
}

/**
 * Spawn `next start` on a brand-new database. `ready` resolves once GET /api/health answers 200
 * and rejects (with the server's last output) if it exits first or takes longer than 90 s (300 s
 * with the scale seed). The
 * server is returned before it is ready so that an interrupted start can still be stopped.
 */
export function startServer(port: number, options: ServerOptions = {}): StartedServer {
  const { scale = true, env: extraEnv = {} } = options;
  const tsxBin = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
  const urlFile = path.join(os.tmpdir(), `problemboard-bench-${process.pid}-${port}.url`);
  const child = spawn(
    tsxBin,
    [
      "scripts/run.ts",
      "start",
      "--fresh-database",
      ...(scale ? ["--scale"] : []),
      "--port",
      String(port),
      "--database-url-file",
      urlFile,
    ],
    {
      cwd: PROJECT_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        // A production server needs a signing secret; a throwaway one serves a benchmark.
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        // Measure the work, not the abuse limits (allowed only on a loopback APP_URL).
        RATE_LIMIT_SCALE: "10000",
        ...process.env,
        ...extraEnv,
        // Empty counts as unset and is not filled from .env files: run.ts starts the emulator.
        STRIPE_SECRET_KEY: "",
        STRIPE_WEBHOOK_SECRET: "",
        STRIPE_API_URL: "",
      },
    },
  );
  child.once("error", () => {}); // a failed spawn leaves pid undefined, handled just below
  if (child.pid === undefined) throw new ServerError(`could not spawn ${tsxBin}`);
  const pid = child.pid;

  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    tail.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - OUTPUT_TAIL_LINES));
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );

  // Last resort if the benchmark process dies without reaching stop(): never leave a server behind.
  const killOnExit = () => killGroup(pid, "SIGKILL");
  process.once("exit", killOnExit);

  const baseUrl = `http://127.0.0.1:${port}`;
  const outputTail = () => tail.join("\n");
  const readyTimeout = scale ? READY_TIMEOUT_SCALE_MS : READY_TIMEOUT_MS;
  const ready = waitUntilReady(baseUrl, readyTimeout, () => exited).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new ServerError(`${message}\n--- server output (last lines) ---\n${outputTail()}`);
  });

  return {
    baseUrl,
    port,
    pid,
    ready,
    outputTail,
    databaseUrl() {
      try {
        return fs.readFileSync(urlFile, "utf8").trim() || undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      process.removeListener("exit", killOnExit);
      if (exited) return;
      child.kill("SIGTERM");
      const timedOut = await Promise.race([
        exitPromise.then(() => false),
        delay(STOP_TIMEOUT_MS).then(() => true),
      ]);
      // Whatever survived (or everything, on timeout) in the group we started goes now.
      killGroup(pid, timedOut ? "SIGKILL" : "SIGTERM");
      if (timedOut) await Promise.race([exitPromise, delay(2_000)]);
    },
  };
}

/** Poll GET /api/health until it answers 200; give up on timeout or when the server exits. */
export async function waitUntilReady(
  baseUrl: string,
  timeoutMs: number,
  hasExited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined = () =>
    undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    const exit = hasExited();
    if (exit) {
      throw new ServerError(
        `The server exited before it was ready (code ${exit.code ?? "none"}, signal ${exit.signal ?? "none"}).`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `GET /api/health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await delay(250);
  }
  throw new ServerError(
    `The server at ${baseUrl} was not ready within ${timeoutMs / 1000} s (${lastProblem}).`,
  );
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function delay(ms: number): Promise<void> {
  // Not unref'd: while the harness waits on this timer, it is the only thing keeping it alive.
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- Memory ------------------------------------------------------------------------------------

export interface Memory {
  /** Resident set size now, in MiB. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM), in MiB. */
  peakRssMb: number;
}

/**
 * The pid of the process serving `port`: the one holding its listening socket, searched among
 * `rootPid`'s descendants when given (a server we started) or among all processes (--url).
 * Falls back to a descendant that looks like Next.js (`next-server`, or `next … start`).
 * Undefined when it cannot be found, e.g. not on Linux.
 */
export function findServerPid(port: number, rootPid?: number): number | undefined {
  if (!fs.existsSync("/proc/net/tcp")) return undefined;
  const candidates = rootPid === undefined ? listPids() : descendants(rootPid);
  const inodes = listeningSocketInodes(port);
  for (const pid of candidates) {
    if (ownsSocket(pid, inodes)) return pid;
  }
  if (rootPid === undefined) return undefined;
  return candidates.find((pid) => {
    const cmdline = readProc(pid, "cmdline")?.replaceAll("\0", " ") ?? "";
    return /next-server|next\S*\s+start\b|scripts\/serve\.mjs/.test(cmdline);
  });
}

/** VmRSS and VmHWM of `pid` from /proc/<pid>/status, or undefined if unreadable. */
export function readMemory(pid: number): Memory | undefined {
  const status = readProc(pid, "status");
  if (!status) return undefined;
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const rss = kib("VmRSS");
  if (rss === undefined) return undefined;
  return { rssMb: rss / 1024, peakRssMb: (kib("VmHWM") ?? rss) / 1024 };
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

function listPids(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** All descendants of `rootPid` (children first), from the parent pid in /proc/<pid>/stat. */
function descendants(rootPid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const pid of listPids()) {
    const stat = readProc(pid, "stat");
    if (!stat) continue;
    // "pid (comm) state ppid …" – comm may contain spaces and parentheses, so split after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    childrenOf.set(ppid, [...(childrenOf.get(ppid) ?? []), pid]);
  }
  const result: number[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    const children = childrenOf.get(pid) ?? [];
    result.push(...children);
    queue.push(...children);
  }
  return result;
}

/** Inodes of sockets listening (state 0A) on `port`, IPv4 and IPv6. */
function listeningSocketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const portHex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let table: string;
    try {
      table = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of table.split("\n").slice(1)) {
      const columns = line.trim().split(/\s+/);
      const [, local, , state] = columns;
      const inode = columns[9];
      if (local?.endsWith(`:${portHex}`) && state === "0A" && inode) inodes.add(inode);
    }
  }
  return inodes;
}

function ownsSocket(pid: number, inodes: Set<string>): boolean {
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match?.[1] !== undefined && inodes.has(match[1]);
    } catch {
      return false;
    }
  });
}
