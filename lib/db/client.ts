import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { stripQueryValues } from "@/lib/observability/scrub-error";
import { withDeadlines } from "./deadline";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;

export interface ConnectOptions {
  /** The embedded PGlite socket server takes one connection per client and no prepared statements. */
  embedded?: boolean;
  max?: number;
  /**
   * Fail fast (the app's own client): connect within 2 s, statements bounded by
   * DATABASE_TIMEOUTS. Off for scripts (migrations, seeding, verification), which may run long
   * statements on purpose.
   */
  failFast?: boolean;
  /**
   * Called with each statement sent to the server (postgres.js's `debug` hook), e.g. to count a
   * page's queries in a test (tests/integration/admin-query-count.test.ts). Off by default.
   */
  onQuery?: (query: string) => void;
}

/**
 * What the app's client waits for, at most. A request fails within about 2 s when PostgreSQL is
 * stopped, unreachable or frozen (503 with Retry-After, lib/http/problem.ts), instead of hanging
 * for the whole outage.
 * - `connectSeconds`: a new connection (TCP, TLS, authentication) gets this long.
 * - `statementMs`: the server cancels a statement running longer (`statement_timeout`, lock
 *   waits included), and the client gives up on one it has no answer for after as long (waiting
 *   for a pooled connection or a reconnect included; see ./deadline.ts), which covers a server
 *   that stopped answering.
 * - `idleInTransactionMs`: the server ends a session that sits in an open transaction this long
 *   (`idle_in_transaction_session_timeout`), so a stuck request cannot hold row locks.
 * The two server settings are sent as startup parameters on direct and session connections; a
 * transaction pooler (Supabase port 6543) does not forward them: set them on the role there
 * (docs/runbooks/faults.md). The embedded PGlite ignores them; the client deadline still applies.
 */
export const DATABASE_TIMEOUTS = {
  connectSeconds: 2,
  statementMs: 2_000,
  idleInTransactionMs: 5_000,
  /**
   * The embedded PGlite serves one connection that every statement of the process queues for,
   * so waits of seconds are normal there under load (tests, benchmarks); it is a development
   * database that does not have outages, so it only gets a backstop.
   */
  embeddedStatementMs: 15_000,
} as const;

/**
 * Supabase's transaction pooler (port 6543, or `pgbouncer=true`) cannot keep prepared statements
 * across transactions, so postgres.js must not use them there.
 */
export function isTransactionPooler(url: string): boolean {
  const parsed = new URL(url);
  return parsed.port === "6543" || parsed.searchParams.get("pgbouncer") === "true";
}

const SCRUBBING = Symbol.for("problemboard.scrubQueryErrors");

/**
 * Drizzle writes a failed statement's parameter values, which are user text, into its error's
 * message (`Failed query: …\nparams: …`), and whoever prints the error (our logger, Next.js's
 * own error output, Better Auth's logger) would log them. Every query of this module's Drizzle
 * runs through PgPreparedQuery's `queryWithCache` (internal, not in its types), so its errors
 * lose the values there (lib/observability/scrub-error.ts). tests/integration/input-safety.test.ts
 * fails if a Drizzle upgrade moves this.
 */
export function scrubQueryErrors(): boolean {
  const prototype = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown>;
  const original = prototype.queryWithCache;
  if (typeof original !== "function") return false;
  if (prototype[SCRUBBING]) return true;
  prototype.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } catch (error) {
      throw stripQueryValues(error);
    }
  };
  prototype[SCRUBBING] = true;
  return true;
}

/**
 * Seconds before reconnecting after a failed connection: 50 ms doubling to at most 1 s, with
 * jitter. postgres.js's own (3^n / 100 s, up to 20 s, shared by the pool) made every query wait
 * out the delay during an outage and kept the app failing for up to 20 s after the database was
 * back.
 */
export function reconnectDelay(retries: number, random = Math.random): number {
  return Math.min(0.05 * 2 ** retries, 1) * (0.5 + random() / 2);
}

export function connect(url: string, options: ConnectOptions = {}) {
  scrubQueryErrors();
  const parsed = new URL(url);
  parsed.searchParams.delete("pgbouncer");
  const pooler = isTransactionPooler(url);
  const failFast = options.failFast ?? false;
  const sql = postgres(parsed.toString(), {
    max: options.embedded ? 1 : (options.max ?? 10),
    prepare: !(options.embedded || pooler),
    idle_timeout: 20,
    connect_timeout: failFast ? DATABASE_TIMEOUTS.connectSeconds : 10,
    backoff: reconnectDelay,
    onnotice: () => {},
    ...(options.onQuery
      ? { debug: (_connection: number, query: string) => options.onQuery!(query) }
      : {}),
    connection:
      failFast && !options.embedded && !pooler
        ? {
            statement_timeout: DATABASE_TIMEOUTS.statementMs,
            idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.idleInTransactionMs,
          }
        : {},
  });
  const db: Database = drizzle(failFast ? withDeadlines(sql, DATABASE_TIMEOUTS.statementMs) : sql, {
    schema,
  });
  return { db, sql };
}
