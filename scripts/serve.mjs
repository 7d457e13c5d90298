// The HTTP server of `npm start` and `npm run dev`: Next.js behind a plain Node server (Next.js's
// custom-server API), started by scripts/run.ts in place of `next start` / `next dev`.
//
//   node scripts/serve.mjs [--dev] --port N [--hostname H] --trusted-proxy-hops N
//
// Why not `next start`: App Router code cannot see the socket, and Next.js fills X-Forwarded-For
// with the socket's address only when the client sent none, so a client served directly could
// choose its own address for rate limits, sessions and the audit trail. Every request and upgrade
// goes through lib/http/request-guard.mjs first: X-Forwarded-For becomes what the trusted proxies
// wrote followed by the socket's address, and bodies over 1 MB (chunked ones included) are refused
// with 413 before Next.js reads them. See docs/architecture.md ("The client address").
//
// Plain JavaScript on purpose: it runs Next.js, so it must not run under a TypeScript loader.
// Arguments come from scripts/run.ts, which has validated them (and the environment) already.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import {
  createDrain,
  DRAIN_TIMEOUT_MS,
  onSupervisorGone,
  runShutdownHooks,
} from "../lib/process/graceful-shutdown.mjs";
import {
  createCheckContinueListener,
  createRequestListener,
  rewriteForwarding,
} from "../lib/http/request-guard.mjs";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    hostname: { type: "string" },
    "trusted-proxy-hops": { type: "string", default: "0" },
  },
});
const dev = values.dev;
const port = Number(values.port);
const hops = Number(values["trusted-proxy-hops"]);
if (!Number.isInteger(port) || !Number.isInteger(hops) || hops < 0) {
  console.error(
    "serve.mjs: --port and --trusted-proxy-hops must be whole numbers (run by scripts/run.ts)",
  );
  process.exit(2);
}

const server = http.createServer();
const drain = createDrain(server);
// Next.js adds its own `upgrade` listener (HMR under `npm run dev`) to the server it is given, on
// the first request. Ours runs first on every upgrade and rewrites its headers in place; before
// Next.js has listened there is nobody to answer, so the socket is closed.
server.on("upgrade", (req, socket) => {
  rewriteForwarding(req, hops);
  if (server.listenerCount("upgrade") === 1) socket.destroy();
});

/** Stop with one line (no stack trace): a missing build, a port in use. */
function fail(error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const app = next({ dev, hostname: values.hostname ?? "localhost", port, httpServer: server });
await app.prepare().catch(fail);
const handle = app.getRequestHandler();
const listener = createRequestListener(handle, { trustedProxyHops: hops });
server.on("request", listener);
server.on("checkContinue", createCheckContinueListener(listener, {}));

await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, values.hostname, () => resolve(undefined));
}).catch((error) =>
  fail(
    error?.code === "EADDRINUSE"
      ? `Port ${port} is already in use: stop what runs there, or pick another with --port.`
      : error,
  ),
);
const shown = values.hostname && values.hostname !== "0.0.0.0" ? values.hostname : "localhost";
console.log(`> Ready on http://${shown}:${port} (${dev ? "development" : "production"})`);

// Graceful shutdown (lib/process/graceful-shutdown.mjs): stop accepting, close idle keep-alive
// connections, let in-flight requests finish (at most 25 s) while the job worker hands its
// unfinished jobs back, then exit 130 (SIGINT) / 143 (SIGTERM) / 129 (SIGHUP). Also when the
// launcher is gone without passing a signal on (it was killed): the server never outlives it.
let stopping = false;
async function shutdown(signal, code) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  console.log(`> ${signal}: draining (at most ${DRAIN_TIMEOUT_MS / 1000} s)`);
  // A backstop, should anything below hang.
  setTimeout(() => process.exit(code), DRAIN_TIMEOUT_MS + 5_000).unref();
  if (dev) server.closeAllConnections();
  const [result] = await Promise.all([
    drain.drain({ timeoutMs: DRAIN_TIMEOUT_MS }),
    runShutdownHooks(DRAIN_TIMEOUT_MS),
  ]);
  await app.close().catch((error) => console.error(error));
  console.log(
    `> stopped after ${Date.now() - started} ms` +
      (result.timedOut ? ` (${result.abandoned} request(s) cut off at the drain limit)` : ""),
  );
  process.exit(code);
}
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
]) {
  process.on(signal, () => void shutdown(signal, code));
}
onSupervisorGone(() => void shutdown("launcher gone", 143));
