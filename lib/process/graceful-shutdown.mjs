// Graceful shutdown of the long-running server (scripts/serve.mjs), in plain JavaScript because
// serve.mjs runs outside any TypeScript loader. Types: ./graceful-shutdown.d.mts.
//
// On SIGTERM/SIGINT (or when the launcher that started this process is gone): stop accepting
// connections, close idle keep-alive connections at once, answer requests that arrive on open
// ones with `Connection: close`, let in-flight requests finish for up to DRAIN_TIMEOUT_MS, run
// the shutdown hooks (the job worker hands its unfinished jobs back) meanwhile, then close what
// is left and exit.

/** In-flight requests get this long to finish; then their connections are closed. */
export const DRAIN_TIMEOUT_MS = 25_000;

// On globalThis: Next.js bundles instrumentation (where the job worker starts) apart from this
// file, each with its own module copies, in one process.
const hooks = (globalThis.__problemboardShutdownHooks ??= new Set());

/** Register work to finish before the process exits (the job worker's stop). */
export function onShutdown(hook) {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Run every registered hook, each bounded by `timeoutMs`. */
export async function runShutdownHooks(timeoutMs) {
  await Promise.all(
    [...hooks].map((hook) => {
      let timer;
      return Promise.race([
        Promise.resolve()
          .then(hook)
          .catch((error) => console.error("A shutdown hook failed:", error)),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]).finally(() => clearTimeout(timer));
    }),
  );
}

/**
 * Count the server's in-flight requests (add before the app's request listener) and drain them
 * on demand.
 */
export function createDrain(server) {
  let active = 0;
  let draining = false;
  server.prependListener("request", (req, res) => {
    active += 1;
    if (draining && !res.headersSent) res.setHeader("connection", "close");
    res.once("close", () => {
      active -= 1;
    });
  });
  return {
    get active() {
      return active;
    },
    /** Resolves once every connection is closed: `{ timedOut, abandoned }`. */
    async drain({ timeoutMs = DRAIN_TIMEOUT_MS } = {}) {
      draining = true;
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeIdleConnections();
      const deadline = Date.now() + timeoutMs;
      while (active > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        // Keep-alive connections whose request just finished.
        server.closeIdleConnections();
      }
      const abandoned = active;
      server.closeAllConnections();
      await closed;
      return { timedOut: abandoned > 0, abandoned };
    },
  };
}

/**
 * Call `stop` when the launcher that started this process (with an IPC channel) is gone, killed
 * without the chance to pass a signal on, so the server never outlives it.
 */
export function onSupervisorGone(stop) {
  if (!process.connected) return;
  process.on("disconnect", stop);
  // The channel must not keep the process alive by itself.
  process.channel?.unref?.();
}
