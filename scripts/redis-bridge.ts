// npm run redis:bridge – serve a local Redis over the Upstash REST protocol so the real
// @upstash/redis and @upstash/ratelimit clients can use it (dev tooling; see DESIGN.md §2 and §4).
//
//   REDIS_URL=redis://127.0.0.1:6379 PORT=8079 UPSTASH_REDIS_REST_TOKEN=local-dev-token \
//     npm run redis:bridge
//
// Every variable is optional (the defaults are shown above). Stops cleanly on Ctrl-C / SIGTERM.
import { startUpstashBridge } from "./lib/upstash-bridge";

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const port = Number(process.env.PORT || "8079");
const token = process.env.UPSTASH_REDIS_REST_TOKEN || "local-dev-token";

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
  process.exit(2);
}

let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;
try {
  bridge = await startUpstashBridge({ redisUrl, port, token });
} catch (error) {
  console.error(
    "Could not start the Upstash REST bridge:",
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
}

console.log(`Upstash REST bridge on ${bridge.url} → ${redisUrl}`);
console.log("Point the app at it with:");
console.log(`  UPSTASH_REDIS_REST_URL=${bridge.url}`);
console.log(`  UPSTASH_REDIS_REST_TOKEN=${bridge.token}`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the bridge…`);
  await bridge.stop();
  process.exit(0);
}
process.on("SIGINT", (signal) => void shutdown(signal));
process.on("SIGTERM", (signal) => void shutdown(signal));
