// Process supervision of `npm start` (scripts/run.ts → scripts/serve.mjs), with stand-ins for the
// two processes: a signal to the launcher reaches the server, the launcher waits for it and exits
// with its code; a server killed under it (an OOM kill) makes the launcher exit non-zero; and a
// launcher killed outright does not leave the server running.
import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { exitCodeOf } from "@/scripts/lib/supervise";

interface Running {
  launcher: ChildProcess;
  output: string[];
  childPid: number;
  exit: Promise<number | null>;
}

async function startLauncher(): Promise<Running> {
  const launcher = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/supervisor-fixture.ts"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const output: string[] = [];
  launcher.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exit = new Promise<number | null>((resolve) => launcher.once("exit", resolve));
  const started = Date.now();
  for (;;) {
    const match = /child (\d+)/.exec(output.join(""));
    if (match) return { launcher, output, childPid: Number(match[1]), exit };
    if (Date.now() - started > 20_000) throw new Error(`no child: ${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

describe("the launcher", () => {
  it("passes SIGTERM on, waits for the server to drain, and exits with its code", async () => {
    const { launcher, output, childPid, exit } = await startLauncher();
    launcher.kill("SIGTERM");
    expect(await exit).toBe(143);
    expect(output.join("")).toContain("child stopping: SIGTERM");
    expect(alive(childPid)).toBe(false);
  }, 30_000);

  it("passes SIGINT on (Ctrl-C) and exits 130", async () => {
    const { launcher, exit } = await startLauncher();
    launcher.kill("SIGINT");
    expect(await exit).toBe(130);
  }, 30_000);

  it("exits non-zero when the server is killed under it (an OOM kill)", async () => {
    const { childPid, exit } = await startLauncher();
    process.kill(childPid, "SIGKILL");
    expect(await exit).toBe(137);
  }, 30_000);

  it("never leaves the server running when the launcher itself is killed", async () => {
    const { launcher, childPid, exit } = await startLauncher();
    launcher.kill("SIGKILL");
    await exit;
    expect(await gone(childPid, 5_000)).toBe(true);
  }, 30_000);
});

describe("npm start / npm run dev", () => {
  it("exec the launcher, so the SIGTERM npm passes on reaches it, not a shell that drops it", async () => {
    const { readFile } = await import("node:fs/promises");
    const { scripts } = JSON.parse(await readFile("package.json", "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toMatch(/^exec node --import tsx scripts\/run\.ts start$/);
    expect(scripts.dev).toMatch(/^exec node --import tsx scripts\/run\.ts dev$/);
  });
});

describe("exit codes", () => {
  it("reports a signal death as 128 + its number, as a shell does", () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(1, null)).toBe(1);
    expect(exitCodeOf(143, null)).toBe(143);
    expect(exitCodeOf(null, "SIGKILL")).toBe(137);
    expect(exitCodeOf(null, "SIGTERM")).toBe(143);
    expect(exitCodeOf(null, null)).toBe(1);
  });
});
