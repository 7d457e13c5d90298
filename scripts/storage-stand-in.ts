// npm run storage:stand-in – a local Supabase Storage for development and tests (dev tooling;
// see docs/storage.md). The app's real supabase-js client talks to it.
//
//   PORT=54321 STORAGE_STAND_IN_ROOT=.data/storage STORAGE_STAND_IN_KEY=… npm run storage:stand-in
//
// Every variable is optional. Stops cleanly on Ctrl-C / SIGTERM.
import path from "node:path";
import { startStorageStandIn } from "./lib/storage-stand-in";

if (process.env.NODE_ENV === "production") {
  console.error("The Storage stand-in is dev tooling and does not run with NODE_ENV=production.");
  process.exit(2);
}
const port = Number(process.env.PORT || "54321");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
  process.exit(2);
}
const root = path.resolve(process.env.STORAGE_STAND_IN_ROOT || ".data/storage");
const standIn = await startStorageStandIn({
  root,
  port,
  serviceKey: process.env.STORAGE_STAND_IN_KEY || undefined,
}).catch((error: unknown) => {
  console.error(
    "Could not start the Storage stand-in:",
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
console.log(`Storage stand-in on ${standIn.url} (files under ${root})`);
console.log("Point the app at it with:");
console.log(`  SUPABASE_URL=${standIn.url}`);
console.log(`  SUPABASE_SERVICE_ROLE_KEY=${standIn.serviceKey}`);

const shutdown = () => void standIn.close().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
