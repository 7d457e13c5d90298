import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseRunArgs } from "@/scripts/lib/run-args";

/** `npm start -- …` as a user runs it: the launcher in its own process. No database is started. */
function runLauncher(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/run.ts", ...args], {
    cwd: process.cwd(),
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm start / npm run dev arguments", () => {
  it("accept -p/--port and -H/--hostname like next start", () => {
    for (const argv of [
      ["start", "-p", "3001"],
      ["start", "-p3001"],
      ["start", "--port", "3001"],
      ["start", "--port=3001"],
    ]) {
      expect(parseRunArgs(argv)).toMatchObject({ kind: "run", args: { port: "3001" } });
    }
    expect(parseRunArgs(["dev", "-H", "0.0.0.0", "--fresh-database", "--no-seed"])).toEqual({
      kind: "run",
      args: {
        mode: "dev",
        port: "3000",
        hostname: "0.0.0.0",
        freshDatabase: true,
        seed: false,
        scale: false,
        databaseUrlFile: undefined,
      },
    });
    expect(parseRunArgs(["start"], { PORT: "4000" })).toMatchObject({ args: { port: "4000" } });
    expect(parseRunArgs(["start", "-p", "3001"], { PORT: "4000" })).toMatchObject({
      args: { port: "3001" },
    });
  });

  it("name every mistake in one line that points to --help", () => {
    const cases: [string[], string][] = [
      [["start", "--bogus"], "unknown option --bogus (see --help)"],
      [["start", "-x"], "unknown option -x (see --help)"],
      [["start", "--port"], "option --port needs a value (see --help)"],
      [
        ["start", "-p", "abc"],
        '--port must be a port number from 1 to 65535, got "abc" (see --help)',
      ],
      [
        ["start", "-p", "70000"],
        '--port must be a port number from 1 to 65535, got "70000" (see --help)',
      ],
      [["start", "--no-seed=yes"], "option --no-seed takes no value (see --help)"],
      [["serve"], 'unknown command "serve": use dev or start (see --help)'],
      [[], "missing command: dev or start (see --help)"],
      [["start", "now"], 'unexpected argument "now" (see --help)'],
    ];
    for (const [argv, message] of cases) {
      expect(parseRunArgs(argv)).toEqual({ kind: "error", message });
    }
    expect(parseRunArgs(["start"], { PORT: "web" })).toEqual({
      kind: "error",
      message: 'PORT must be a port number from 1 to 65535, got "web" (see --help)',
    });
  });

  it("run as a process: an unknown option is one line on stderr and exit code 2", () => {
    const { code, stdout, stderr } = runLauncher("start", "--bogus");
    expect(code).toBe(2);
    expect(stderr).toBe("run.ts: unknown option --bogus (see --help)\n");
    expect(stdout).toBe("");
  }, 40_000);

  it("run as a process: a bad port value is one line and exit code 2, -p is accepted", () => {
    const { code, stderr } = runLauncher("start", "-p", "http");
    expect(code).toBe(2);
    expect(stderr).toBe(
      'run.ts: --port must be a port number from 1 to 65535, got "http" (see --help)\n',
    );
  }, 40_000);

  it("run as a process: --help prints the usage and exits 0", () => {
    const { code, stdout, stderr } = runLauncher("start", "--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: npm run dev\|start -- \[options\]/);
    expect(stdout).toMatch(/-p, --port <n>/);
    expect(stdout).toMatch(/-H, --hostname <host>/);
  }, 40_000);
});
