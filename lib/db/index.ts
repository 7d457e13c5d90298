import { env } from "@/lib/env";
import { connect, type Database } from "./client";

export type { Database } from "./client";
export * as schema from "./schema";

let instance: ReturnType<typeof connect> | undefined;

function getInstance() {
  if (!instance) {
    if (!env.DATABASE_URL) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which run the " +
          "embedded PGlite database, or set DATABASE_URL to a PostgreSQL connection string.",
      );
    }
    instance = connect(env.DATABASE_URL, { embedded: env.DATABASE_EMBEDDED === "1" });
  }
  return instance;
}

/**
 * The app's database. Connects lazily on first use, so importing a module that uses it (for
 * example during `next build`) never opens a connection.
 */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const real = getInstance().db;
    const value: unknown = Reflect.get(real, property, real);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/** Round trip to the database, for readiness checks. */
export async function pingDatabase(): Promise<void> {
  await getInstance().sql`select 1`;
}

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Close the pool (scripts and tests; a server keeps it for its lifetime). */
export async function closeDatabase(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.sql.end({ timeout: 5 });
}
