import { spawn, type ChildProcess } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run dev` for real: scripts/run.ts on a fresh database, serving Next.js through
// scripts/serve.mjs, with TRUSTED_PROXY_HOPS=0 (served directly, the default). Slow (the launcher
// migrates a database and Next.js compiles the two routes used), so it is one file with one server.

const root = process.cwd();
let launcher: ChildProcess;
let origin: string;
let port: number;
const output: string[] = [];
let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForReady() {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (exited) {
      const log = output.join("");
      // Next.js allows one dev server per checkout (.next/dev/lock).
      const hint = log.includes("already running")
        ? "stop the `npm run dev` running in this checkout, then run this test again.\n"
        : "";
      throw new Error(`the launcher exited (${exited.code}): ${hint}${log}`);
    }
    const ok = await fetch(`${origin}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no answer from ${origin}/api/health:\n${output.join("")}`);
}

beforeAll(async () => {
  port = await freePort();
  origin = `http://localhost:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    APP_URL: origin,
    TRUSTED_PROXY_HOPS: "0",
    JOBS_WORKER: "off",
  };
  // The launcher's own fresh database: an embedded PGlite, or a new database on the server the
  // suite was given (setup-database.ts pointed DATABASE_URL at this file's database instead).
  delete env.DATABASE_EMBEDDED;
  if (process.env.TEST_DATABASE_SERVER_URL) env.DATABASE_URL = process.env.TEST_DATABASE_SERVER_URL;
  else delete env.DATABASE_URL;
  // Limits in the server's memory: nothing shared with other runs through Redis.
  delete env.UPSTASH_REDIS_REST_URL;
  delete env.UPSTASH_REDIS_REST_TOKEN;
  delete env.RATE_LIMIT_SCALE;
  // As from a shell: Vitest's NODE_ENV=test would reach the launcher otherwise.
  delete env.NODE_ENV;
  launcher = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/run.ts",
      "dev",
      "--fresh-database",
      "--no-seed",
      "--port",
      String(port),
    ],
    { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  launcher.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  launcher.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  launcher.once("exit", (code, signal) => (exited = { code, signal }));
  await waitForReady();
}, 180_000);

afterAll(async () => {
  if (!launcher || exited) return;
  const done = new Promise((resolve) => launcher.once("exit", resolve));
  launcher.kill("SIGTERM");
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (!exited) launcher.kill("SIGKILL");
}, 40_000);

/** A chunked request body (no Content-Length) of `total` bytes, in 64 KB chunks. */
function chunkedBody(text: string, total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(64 * 1024, total - sent);
      const chunk = new Uint8Array(size).fill(0x20);
      if (sent === 0) chunk.set(bytes.subarray(0, size));
      sent += size;
      controller.enqueue(chunk);
    },
  });
}

describe("npm run dev, served directly (TRUSTED_PROXY_HOPS=0)", () => {
  it("refuses a chunked body over 1 MB with 413 and serves one within it", async () => {
    const signIn = (body: ReadableStream<Uint8Array>) =>
      fetch(`${origin}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body,
        duplex: "half",
      } as RequestInit);
    const json = JSON.stringify({ email: "nobody@example.com", password: "wrong-pass-123" });
    const huge = await signIn(chunkedBody(json, 200 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: "payload_too_large" });
    // The same JSON padded with spaces to 512 KB, chunked: Better Auth reads all of it.
    const fine = await signIn(chunkedBody(json, 512 * 1024));
    expect(fine.status).toBe(401);
    await fine.body?.cancel();
  }, 120_000);

  it("sees a client rotating X-Forwarded-For as 127.0.0.1: the sign-in address limit holds", async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const response = await fetch(`${origin}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin,
          // A new address every time, and a new account, so only the address limit can refuse.
          "x-forwarded-for": `198.51.100.${attempt}`,
        },
        body: JSON.stringify({ email: `nobody${attempt}@example.com`, password: "wrong-pass-123" }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    // Wrong passwords first, then refused: 127.0.0.1 used up its attempts (5 or 10 a minute,
    // whichever limiter answers first; the test above spent one), whatever address each request
    // claimed. Before, each claimed address had attempts of its own and none was refused.
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
  }, 120_000);

  it("serves the dev tools to this machine only, whatever X-Forwarded-For claims", async () => {
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    const devTool = (host: string) =>
      fetch(`http://${host}:${port}/dev/errors/route?handled=1`, {
        headers: { "x-forwarded-for": "127.0.0.1" },
      });
    // From loopback: the tool answers (with its deliberate, handled 500).
    const local = await devTool("127.0.0.1");
    expect(local.status).toBe(500);
    if (!lan) {
      console.warn("SKIPPED the non-loopback half: this machine has no non-internal IPv4 address");
      return;
    }
    // From another interface, claiming to be 127.0.0.1: not found.
    const remote = await devTool(lan.address);
    expect(remote.status).toBe(404);
  }, 120_000);

  it("stops on SIGTERM with the server's exit code, as `next start` did", async () => {
    const done = new Promise<number | null>((resolve) =>
      launcher.once("exit", (code) => resolve(code)),
    );
    launcher.kill("SIGTERM");
    expect(await done).toBe(143);
  }, 40_000);
});
