/**
 * `npm run dev` / `npm start`: run Next.js on the configured services, or on the embedded
 * defaults when they are not configured. `--help` lists the options (scripts/lib/run-args.ts).
 *
 *   tsx scripts/run.ts dev|start [-p|--port N] [-H|--hostname H] [--fresh-database] [--no-seed]
 *                                [--scale] [--database-url-file PATH]
 *
 * Without DATABASE_URL this process owns the embedded PGlite database (.data/pglite) and serves
 * it over a local socket; Next.js and every script connect to it with an ordinary DATABASE_URL.
 * It applies pending migrations, seeds the demo data and prints how to sign in.
 * --fresh-database starts from an empty database (a new PGlite in a temporary folder, or a new
 * uniquely named database on the DATABASE_URL server) — the e2e suite and benchmarks use it.
 * --database-url-file writes the URL of the database in use to PATH once it is migrated and
 * seeded, so a benchmark can check what its load wrote into a fresh database.
 *
 * Without STRIPE_SECRET_KEY this process also runs the local Stripe emulator with the plan
 * catalog synced into it (scripts/lib/local-stripe.ts), keeping its state in
 * .data/stripe-emulator.json beside the database (throwaway with --fresh-database).
 *
 * Without SUPABASE_URL it also runs the local Storage stand-in (scripts/lib/local-storage.ts):
 * attachments and exports go to .data/storage (a temporary folder with --fresh-database) through
 * the same supabase-js client production uses.
 *
 * Next.js itself runs in a child process, scripts/serve.mjs (a small Node HTTP server around
 * Next.js, in place of `next start` / `next dev`): it records the socket's address in
 * X-Forwarded-For and enforces the body limit before Next.js sees a request.
 *
 * Process supervision: SIGTERM, SIGINT and SIGHUP are passed on to the server, which drains (at
 * most 25 s) and exits; this process then stops the embedded database and exits with the server's
 * code, non-zero when the server crashed or was killed, so a restart-on-failure supervisor
 * restarts it. npm's scripts `exec` this process, so a signal to `npm start` reaches it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nextEnv from "@next/env";
import { parseRunArgs } from "./lib/run-args";
import { superviseChild } from "./lib/supervise";

// Before anything else: a mistyped option costs one line and exit code 2, never a stack trace or
// a started database.
const parsed = parseRunArgs(process.argv.slice(2), { PORT: process.env.PORT });
if (parsed.kind === "help") {
  console.log(parsed.text);
  process.exit(0);
}
if (parsed.kind === "error") {
  console.error(`run.ts: ${parsed.message}`);
  process.exit(2);
}
const options = parsed.args;
const { mode, port } = options;

nextEnv.loadEnvConfig(process.cwd(), mode === "dev");
// The Next.js child runs with this NODE_ENV; the launcher keeps its own, so dev tooling it runs
// (the Stripe emulator refuses NODE_ENV=production) is judged by how it was started.
const childNodeEnv = mode === "dev" ? "development" : "production";
process.env.APP_URL ||= `http://localhost:${port}`;

const dataRoot = path.join(process.cwd(), ".data");
const stripeStateFile = path.join(dataRoot, "stripe-emulator.json");
const cleanups: (() => Promise<void>)[] = [];

async function main() {
  const embedded = !process.env.DATABASE_URL;
  if (embedded && !process.env.BETTER_AUTH_SECRET) {
    // The embedded default is for one machine; keep its signing secret beside its data.
    fs.mkdirSync(dataRoot, { recursive: true });
    const secretFile = path.join(dataRoot, "auth-secret");
    if (!fs.existsSync(secretFile)) {
      fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    process.env.BETTER_AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
  }

  const { parseEnv, EnvError } = await import("@/lib/env");
  let trustedProxyHops: number;
  try {
    trustedProxyHops = parseEnv({ ...process.env, NODE_ENV: childNodeEnv }).TRUSTED_PROXY_HOPS;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  if (embedded) {
    const { startEmbeddedDatabase } = await import("@/lib/db/embedded");
    const dataDir = options.freshDatabase
      ? fs.mkdtempSync(path.join(os.tmpdir(), "problemboard-pglite-"))
      : path.join(dataRoot, "pglite");
    if (!options.freshDatabase && !fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      // A new database: Stripe state kept for the previous one would point at rows that are gone.
      fs.rmSync(stripeStateFile, { force: true });
    }
    // The slowest step of a start (PGlite's WebAssembly, about 5 s): say what is happening.
    console.log("Starting the embedded database (PGlite)…");
    const database = await startEmbeddedDatabase({ dataDir });
    cleanups.push(async () => {
      await database.stop();
      if (options.freshDatabase) fs.rmSync(dataDir, { recursive: true, force: true });
    });
    process.env.DATABASE_URL = database.url;
    process.env.DATABASE_EMBEDDED = "1";
    if (!options.freshDatabase) fs.writeFileSync(path.join(dataRoot, "database-url"), database.url);
  } else if (options.freshDatabase) {
    const server = process.env.DATABASE_URL!;
    const { createDatabase, dropDatabase } = await import("./lib/create-database");
    const fresh = await createDatabase(server, "pb_run");
    cleanups.push(() => dropDatabase(server, fresh));
    process.env.DATABASE_URL = fresh;
  }
  const url = process.env.DATABASE_URL!;

  const { startLocalStripe } = await import("./lib/local-stripe");
  const localStripe = await startLocalStripe({
    appUrl: process.env.APP_URL!,
    env: process.env,
    stateFile: options.freshDatabase ? undefined : stripeStateFile,
  });
  cleanups.push(() => localStripe.stop());
  Object.assign(process.env, localStripe.env);

  const { startLocalStorage } = await import("./lib/local-storage");
  const storageRoot = options.freshDatabase
    ? fs.mkdtempSync(path.join(os.tmpdir(), "problemboard-storage-"))
    : path.join(dataRoot, "storage");
  const localFiles = await startLocalStorage({
    appUrl: process.env.APP_URL!,
    env: process.env,
    root: storageRoot,
  });
  cleanups.push(async () => {
    await localFiles.stop();
    if (options.freshDatabase) fs.rmSync(storageRoot, { recursive: true, force: true });
  });
  Object.assign(process.env, localFiles.env);

  const { runMigrations } = await import("@/lib/db/migrate");
  console.log("Applying migrations…");
  await runMigrations(url, { embedded });

  const banner = [
    `Problemboard (${mode}) on ${process.env.APP_URL}`,
    `  database: ${embedded ? `embedded PGlite (${options.freshDatabase ? "temporary" : ".data/pglite"})` : "DATABASE_URL"}`,
    `  cache: ${process.env.UPSTASH_REDIS_REST_URL ? "Upstash Redis" : "in memory (single instance only)"}`,
    `  email: ${process.env.RESEND_API_KEY ? "Resend" : "local outbox (/dev/emails)"}`,
    `  billing: ${localStripe.summary}`,
    `  files: ${localFiles.summary}`,
  ];
  // The embedded default and every fresh database get the demo data; a configured one never does.
  if ((embedded || options.freshDatabase) && !!options.seed) {
    const { connect } = await import("@/lib/db/client");
    const { seedDemoData, demoSignInText } = await import("@/lib/db/seed");
    const { db, sql } = connect(url, { embedded });
    console.log("Adding the demo data…");
    await seedDemoData(db);
    if (options.scale) {
      const { seedScaleData } = await import("@/lib/db/seed-scale");
      const { DEMO_WORKSPACE } = await import("@/lib/db/seed");
      const rows = await sql<
        { id: string }[]
      >`select id from workspaces where slug = ${DEMO_WORKSPACE.slug}`;
      console.log("Seeding the scale data (--scale)…");
      await seedScaleData(db, rows[0]!.id, (line) => console.log(line));
    }
    await sql.end();
    // The demo workspace on a Team trial through the emulator (its own process: the app's env
    // module must see the emulator's variables, set after this process read them).
    if (localStripe.env.STRIPE_API_URL) {
      console.log("Starting the demo workspace's Team trial (Stripe emulator)…");
      await runDemoBillingSeed();
    }
    banner.push("", demoSignInText(process.env.APP_URL!));
  }
  const urlFile = options.databaseUrlFile;
  if (urlFile) {
    fs.writeFileSync(urlFile, url, { mode: 0o600 });
    cleanups.push(async () => fs.rmSync(urlFile, { force: true }));
  }
  console.log(`\n${banner.join("\n")}\n`);

  const serve = [
    path.join(import.meta.dirname, "serve.mjs"),
    ...(mode === "dev" ? ["--dev"] : []),
    "--port",
    port,
    ...(options.hostname ? ["--hostname", options.hostname] : []),
    "--trusted-proxy-hops",
    String(trustedProxyHops),
  ];
  // The IPC channel lets the server notice this launcher is gone (killed with SIGKILL) and stop
  // instead of serving on. SIGTERM, SIGINT and SIGHUP are passed on; the launcher waits for the
  // server to drain and exits with its code (143 after SIGTERM, 137 when it was killed).
  const child = spawn(process.execPath, serve, {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, NODE_ENV: childNodeEnv, NEXT_TELEMETRY_DISABLED: "1" },
  });
  // Webhook events queued before the app listened (the demo billing seed's) go out once it answers.
  const host = options.hostname;
  const local = `http://${!host || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host}:${port}`;
  void whenServing(local, child).then((serving) => {
    if (serving) localStripe.appReady();
  });
  await shutdown(await superviseChild(child));
}

/**
 * Resolves true once the server answers its health check, false if it exits first. Never gives
 * up on a slow answer: under `next dev` the first request compiles the route, and a request
 * abandoned mid-compile leaves an "aborted" error in the log.
 */
async function whenServing(baseUrl: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function runDemoBillingSeed(): Promise<void> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [path.join("scripts", "seed-demo-billing.ts")], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: childNodeEnv },
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`Seeding the demo billing failed (exit ${code}).`)),
    );
  });
}

async function shutdown(code: number) {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
