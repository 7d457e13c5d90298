import postgres from "postgres";
import { env } from "@/lib/env";

/**
 * The readiness probe's own connection: one socket, apart from the app's pool, so a pool busy
 * with requests (overload) or waiting out a reconnect never makes a healthy database look down,
 * and a database that is down is seen as down within the check's timeout. After any failure the
 * connection is thrown away and the next probe starts a new one, so a half-open socket left by a
 * database restart cannot wedge it.
 */
let probe: postgres.Sql | null = null;

function open(timeoutMs: number): postgres.Sql {
  const url = new URL(env.DATABASE_URL ?? "");
  url.searchParams.delete("pgbouncer");
  return postgres(url.toString(), {
    max: 1,
    prepare: false,
    fetch_types: false,
    connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
    idle_timeout: 60,
    backoff: () => 0,
    onnotice: () => {},
    connection: { application_name: "problemboard-readiness" },
  });
}

export class ProbeTimeoutError extends Error {
  override name = "ProbeTimeoutError";
}

/** `select 1` on the probe connection; rejects after `timeoutMs` at the latest. */
export async function probeDatabase(timeoutMs: number): Promise<void> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const sql = (probe ??= open(timeoutMs));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeoutError()), timeoutMs);
      }),
    ]);
  } catch (error) {
    if (probe === sql) probe = null;
    void sql.end({ timeout: 0 }).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Close the probe connection (tests, shutdown). */
export async function closeProbe(): Promise<void> {
  const current = probe;
  probe = null;
  await current?.end({ timeout: 1 });
}
