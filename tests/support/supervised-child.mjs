// A stand-in for scripts/serve.mjs in tests/unit/supervise.test.ts: prints its pid, and on
// SIGTERM/SIGINT (or when its launcher is gone) takes a moment to "drain", then exits 143/130.
import { onSupervisorGone } from "../../lib/process/graceful-shutdown.mjs";

console.log(`child ${process.pid}`);
let stopping = false;
function stop(why, code) {
  if (stopping) return;
  stopping = true;
  console.log(`child stopping: ${why}`);
  setTimeout(() => process.exit(code), 200);
}
process.on("SIGTERM", () => stop("SIGTERM", 143));
process.on("SIGINT", () => stop("SIGINT", 130));
onSupervisorGone(() => stop("launcher gone", 143));
setInterval(() => {}, 1_000);
