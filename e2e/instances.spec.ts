import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { expect, personAt, test } from "./support";

// Two app instances behind one load balancer share PostgreSQL and Redis. A write handled by one
// must show on the other's cached board page at once, not after the page's 60 s backstop: the
// Next.js cache handler (lib/cache/next-cache-handler.mjs) shares revalidations through Redis.
// Needs a PostgreSQL server (DATABASE_URL) and Redis (UPSTASH_REDIS_REST_URL), as in CI; skipped
// loudly without them, and a failure under REQUIRE_SERVICES=1.

const secondPort = Number(process.env.E2E_PORT ?? 3210) + 1;
const second = `http://127.0.0.1:${secondPort}`;

async function waitForHealth(url: string, exited: () => string | null) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const problem = exited();
    if (problem) throw new Error(problem);
    const ok = await fetch(`${url}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the second instance did not answer ${url}/api/health within 90 s`);
}

const signedOutBoard = async (origin: string) => {
  const response = await fetch(`${origin}/b/acme/feedback`);
  expect(response.status).toBe(200);
  return response.text();
};

test("a post made through one instance shows at once on another instance's cached board page", async ({
  browser,
}) => {
  const services = process.env.DATABASE_URL && process.env.UPSTASH_REDIS_REST_URL;
  if (!services) {
    const why = "two instances need PostgreSQL (DATABASE_URL) and Redis (UPSTASH_REDIS_REST_URL)";
    if (process.env.REQUIRE_SERVICES === "1") throw new Error(`REQUIRE_SERVICES=1 but ${why}`);
    // The project's rule for service-only tests: without the services (a fresh machine's
    // `npm run test:e2e` on the embedded PGlite) skip loudly; CI sets REQUIRE_SERVICES=1 above.
    console.warn(`SKIPPED: ${why}`);
    test.skip(true, why);
  }
  const databaseUrl = fs.readFileSync(process.env.E2E_DATABASE_URL_FILE!, "utf8").trim();

  const output: string[] = [];
  let exit: string | null = null;
  const child = spawn(
    "node_modules/.bin/tsx",
    ["scripts/run.ts", "start", "--no-seed", "--port", String(secondPort)],
    {
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        APP_URL: `http://localhost:${secondPort}`,
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        JOBS_WORKER: "off",
        // Like the first instance (playwright.config.ts): the tests' own X-Forwarded-For stands
        // for a load balancer's, so each simulated person keeps their own address.
        TRUSTED_PROXY_HOPS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.once(
    "exit",
    (code) => (exit = `the second instance exited (${code}):\n${output.join("")}`),
  );
  try {
    test.setTimeout(180_000);
    await waitForHealth(second, () => exit);

    const title = `Export to Excel drops accents ${Date.now()}`;
    // The second instance renders the page once and serves it from its cache.
    expect((await signedOutBoard(second)).includes(title)).toBe(false);
    expect((await signedOutBoard(second)).includes(title)).toBe(false);

    // A member posts through the first instance (the test's baseURL), from an address of their
    // own so this sign-in does not count against the other specs' per-address limit.
    const member = await personAt(browser, "owner@demo.problemboard.dev");
    const page = member.page;
    await page.goto("/b/acme/feedback");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Details").fill("Names like José come out as Jos?.");
    await page.getByRole("button", { name: "Post problem" }).click();
    await expect(page.getByText(title).first()).toBeVisible();
    await member.close();

    // Well inside the page's 60 s revalidation backstop, the other instance shows it.
    await expect
      .poll(async () => (await signedOutBoard(second)).includes(title), {
        message: "the second instance's cached board page shows the new post",
        timeout: 10_000,
      })
      .toBe(true);
  } finally {
    if (child.pid && exit === null) process.kill(-child.pid, "SIGTERM");
  }
});
