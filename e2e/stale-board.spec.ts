import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { startTcpProxy, type TcpProxy } from "../tests/support/tcp-proxy";
import { DEMO_PASSWORD, expect, test } from "./support";

// Serve stale on error, on the production build: while PostgreSQL is unreachable, the signed-out
// board page answers with its last good copy and says so, instead of an error page, even when a
// write made the cached rendering out of date just before the outage.
//
// The shared e2e server cannot lose its database without breaking the other specs, so this spec
// starts an instance of its own (the same `npm start` launcher) on a fresh database reached
// through a TCP proxy it can cut (tests/support/tcp-proxy.ts), without Redis (its copies and
// cache in its own memory, so the shared server's entries in a shared Redis cannot stand in).
// Needs PostgreSQL (DATABASE_URL), as in CI; skipped loudly without it, a failure under
// REQUIRE_SERVICES=1.

const port = Number(process.env.E2E_PORT ?? 3210) + 2;
const origin = `http://127.0.0.1:${port}`;
const appUrl = `http://localhost:${port}`;
const STALE_NOTICE =
  "We can't reach our database right now, so this is a recent copy of the board.";

async function waitForHealth(exited: () => string | null) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const problem = exited();
    if (problem) throw new Error(problem);
    const ok = await fetch(`${origin}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the instance did not answer ${origin}/api/health within 120 s`);
}

/** The signed-out board page as a visitor without cookies gets it: status and HTML. */
async function boardPage() {
  const response = await fetch(`${origin}/b/acme/feedback`, {
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, html: await response.text() };
}

async function signInOwner(): Promise<string> {
  const response = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ email: "owner@demo.problemboard.dev", password: DEMO_PASSWORD }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";", 1)[0]!)
    .join("; ");
}

// Quarantined (issue 15 stays open for it): on a clean-clone CI run on 2026-12-05 the page did not
// show its last good copy within 20 s in one run of three (it passed in the others and in
// isolation); the cause is not found yet. The behaviour itself is covered by
// tests/integration/database-outage.test.ts; this spec must pass reliably before it counts.
test.fixme("the signed-out board page serves its last good copy while the database is unreachable", async ({
  page,
}) => {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const why = "cutting the database needs PostgreSQL (DATABASE_URL) behind a TCP proxy";
    if (process.env.REQUIRE_SERVICES === "1") throw new Error(`REQUIRE_SERVICES=1 but ${why}`);
    console.warn(`SKIPPED: ${why}`);
    test.skip(true, why);
    return;
  }
  test.setTimeout(240_000);
  // An earlier instance still on the port would answer instead of this one, behind no proxy.
  const occupied = await fetch(`${origin}/api/health`).then(
    () => true,
    () => false,
  );
  expect(occupied, `port ${port} is in use: stop whatever serves ${origin} first`).toBe(false);
  const target = new URL(serverUrl);
  const proxy: TcpProxy = await startTcpProxy({
    host: target.hostname,
    port: Number(target.port || 5432),
  });
  const output: string[] = [];
  let exit: string | null = null;
  const child = spawn(
    "node_modules/.bin/tsx",
    ["scripts/run.ts", "start", "--fresh-database", "--port", String(port)],
    {
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: proxy.via(serverUrl),
        APP_URL: appUrl,
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        JOBS_WORKER: "off",
        RATE_LIMIT_SCALE: "10",
        // Empty counts as unset: this instance keeps its cache and copies in its own memory.
        UPSTASH_REDIS_REST_URL: "",
        UPSTASH_REDIS_REST_TOKEN: "",
        SENTRY_DSN: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.once("exit", (code) => (exit = `the instance exited (${code}):\n${output.join("")}`));
  try {
    await waitForHealth(() => exit);

    // A visitor's view while the database is up: rendered from it, and kept as the good copy.
    const listed = await fetch(`${origin}/api/public/boards/acme/feedback/problems`);
    expect(listed.status).toBe(200);
    const { data: items } = (await listed.json()) as { data: { id: string; title: string }[] };
    expect(items.length).toBeGreaterThan(0);
    const live = await boardPage();
    expect(live.status).toBe(200);
    expect(live.html).toContain(items[0]!.title);
    expect(live.html).not.toContain("recent copy of the board");

    // A vote changes the board, so the cached rendering is out of date: its next render needs
    // the database.
    const cookie = await signInOwner();
    const vote = await fetch(`${origin}/api/problems/${items[0]!.id}/vote`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: appUrl, cookie },
      body: JSON.stringify({ voted: true }),
    });
    expect(vote.status, await vote.clone().text()).toBe(200);

    // PostgreSQL becomes unreachable.
    await proxy.cut();
    const uncached = await fetch(
      `${origin}/api/public/boards/acme/feedback/problems?q=outage${Date.now()}`,
    );
    expect(uncached.status, "a read that needs the database fails fast with 503").toBe(503);

    // Every answer is the board (never an error page), and it soon says it is a copy.
    const statuses: number[] = [];
    await expect
      .poll(
        async () => {
          const { status, html } = await boardPage();
          statuses.push(status);
          return status === 200 && html.includes("recent copy of the board");
        },
        { message: "the board page serves its last good copy", timeout: 20_000 },
      )
      .toBe(true);
    expect(
      statuses.every((status) => status === 200),
      `answers: ${statuses.join(", ")}`,
    ).toBe(true);

    // What a visitor sees: the notice and the board's problems.
    const response = await page.goto(`${origin}/b/acme/feedback`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText(STALE_NOTICE)).toBeVisible();
    await expect(page.getByText(items[0]!.title).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // The database returns: the page is live again once its cached rendering (the copy, kept
    // like any rendering) is renewed, at the latest by the page's 60 s revalidation backstop.
    await proxy.restore();
    const back = Date.now();
    await expect
      .poll(async () => (await boardPage()).html.includes("recent copy of the board"), {
        message: "the live board replaces the copy once the database is back",
        intervals: [1_000],
        timeout: 90_000,
      })
      .toBe(false);
    console.log(`live board again ${((Date.now() - back) / 1000).toFixed(1)} s after the return`);
  } catch (error) {
    console.error(`--- the instance's output ---\n${output.join("").slice(-6_000)}`);
    throw error;
  } finally {
    await proxy.restore().catch(() => {});
    if (child.pid && exit === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    await proxy.close();
  }
});
