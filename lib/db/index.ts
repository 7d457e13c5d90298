import { env } from "@/lib/env";
import { connect, type Database } from "./client";

export type { Database } from "./client";
export * as schema from "./schema";

/**
 * One client per process, kept on globalThis: `next build` bundles instrumentation (the job
 * worker), route handlers and pages separately, each with its own copy of this module. Separate
 * copies would open separate connections, and the embedded database serves one client at a time
 * (a second one interleaving breaks its extended protocol: `portal "" does not exist`).
 */
const processWide = globalThis as typeof globalThis & {
  __problemboardDatabase?: ReturnType<typeof connect>;
};

function getInstance() {
  let instance = processWide.__problemboardDatabase;
  if (!instance) {
    if (!env.DATABASE_URL) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which run the " +
          "embedded PGlite database, or set DATABASE_URL to a PostgreSQL connection string.",
      );
    }
    instance = connect(env.DATABASE_URL, {
      embedded: env.DATABASE_EMBEDDED === "1",
      failFast: true,
    });
    processWide.__problemboardDatabase = instance;
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

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Close the pool (scripts and tests; a server keeps it for its lifetime). */
export async function closeDatabase(): Promise<void> {
  const current = processWide.__problemboardDatabase;
  processWide.__problemboardDatabase = undefined;
  await current?.sql.end({ timeout: 5 });
}
