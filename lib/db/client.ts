import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;

export interface ConnectOptions {
  /** The embedded PGlite socket server takes one connection per client and no prepared statements. */
  embedded?: boolean;
  max?: number;
}

/**
 * Supabase's transaction pooler (port 6543, or `pgbouncer=true`) cannot keep prepared statements
 * across transactions, so postgres.js must not use them there.
 */
export function isTransactionPooler(url: string): boolean {
  const parsed = new URL(url);
  return parsed.port === "6543" || parsed.searchParams.get("pgbouncer") === "true";
}

export function connect(url: string, options: ConnectOptions = {}) {
  const parsed = new URL(url);
  parsed.searchParams.delete("pgbouncer");
  const sql = postgres(parsed.toString(), {
    max: options.embedded ? 1 : (options.max ?? 10),
    prepare: !(options.embedded || isTransactionPooler(url)),
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
  });
  const db: Database = drizzle(sql, { schema });
  return { db, sql };
}
