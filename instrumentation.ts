// Runs once when a server instance starts: validate the environment (lib/env.ts throws with every
// bad variable named) and say which services this instance runs on.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const parts = [
    `database: ${env.DATABASE_EMBEDDED === "1" ? "embedded PGlite" : env.DATABASE_URL ? "PostgreSQL" : "not configured"}`,
    `rate limits and cache: ${env.UPSTASH_REDIS_REST_URL ? "Upstash Redis" : "in this process only (run one instance, or configure Redis)"}`,
    `email: ${env.RESEND_API_KEY ? "Resend" : "local outbox"}`,
  ];
  console.log(`Problemboard instance starting: ${parts.join("; ")}`);
}
