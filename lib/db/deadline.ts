import type postgres from "postgres";

/**
 * The database did not answer in time: it is frozen, unreachable behind a black-holed network,
 * or every pooled connection is stuck. Counts as "database unavailable" (./errors.ts).
 */
export class DatabaseDeadlineError extends Error {
  override name = "DatabaseDeadlineError";
  constructor(what: string, ms: number) {
    super(`${what} got no answer from the database within ${ms} ms`);
  }
}

type Sql = postgres.Sql;
type PendingQuery = Promise<unknown> & {
  active?: boolean;
  cancel(): unknown;
  values(): PendingQuery;
  raw(): PendingQuery;
};

/**
 * A statement that settles (rejects) after `ms` at the latest, wherever it waits: for a pooled
 * connection, for a reconnect, or for a server that stopped answering. On the deadline it is
 * cancelled if the server is running it; the server's own `statement_timeout` (./client.ts) ends
 * a slow statement as early. Caveat: a statement that was still waiting for a connection runs
 * once one is free (after a frozen database thaws), although its caller was answered with 503.
 */
function bound(query: PendingQuery, ms: number): PendingQuery {
  let raced: Promise<unknown> | undefined;
  const race = () =>
    (raced ??= new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new DatabaseDeadlineError("A statement", ms));
        // Only a statement the server is running is cancelled (a cancel request on the side).
        // One still waiting for a connection is left to run or fail there: postgres.js 3.4 loses
        // the connection for good when a query it holds for a connection being opened is
        // cancelled.
        if (query.active) {
          void Promise.resolve()
            .then(() => query.cancel())
            .catch(() => {});
        }
      }, ms);
      query.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error as Error);
        },
      );
    }));
  const proxy: PendingQuery = new Proxy(query, {
    get(target, property) {
      if (property === "then") {
        return (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) =>
          race().then(onFulfilled, onRejected);
      }
      if (property === "catch") {
        return (onRejected?: (e: unknown) => unknown) => race().catch(onRejected);
      }
      if (property === "finally") return (onFinally?: () => void) => race().finally(onFinally);
      if (property === "values" || property === "raw") {
        return () => {
          void target[property]();
          return proxy;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
  return proxy;
}

/**
 * A transaction whose BEGIN (waiting for a connection included) and COMMIT each get `ms`; the
 * statements in between are bounded one by one through the wrapped transaction client.
 */
function boundTransaction(
  begin: (...args: unknown[]) => Promise<unknown>,
  args: unknown[],
  ms: number,
): Promise<unknown> {
  const body = args.pop() as (tx: Sql) => Promise<unknown>;
  let phase: "waiting" | "running" | "abandoned" = "waiting";
  return new Promise((resolve, reject) => {
    let timer = setTimeout(() => {
      if (phase !== "waiting") return;
      phase = "abandoned";
      reject(new DatabaseDeadlineError("BEGIN", ms));
    }, ms);
    begin(...args, async (tx: Sql) => {
      if (phase === "abandoned") throw new DatabaseDeadlineError("BEGIN", ms);
      phase = "running";
      clearTimeout(timer);
      const result = await body(withDeadlines(tx, ms));
      // COMMIT follows once the body returns.
      timer = setTimeout(() => reject(new DatabaseDeadlineError("COMMIT", ms)), ms);
      return result;
    }).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}

/**
 * The postgres.js client with every statement, BEGIN and COMMIT bounded by `ms`, for Drizzle:
 * `sql\`…\``, `sql.unsafe(…)`, `sql.begin(…)`, and `savepoint` inside a transaction.
 */
export function withDeadlines(sql: Sql, ms: number): Sql {
  return new Proxy(sql, {
    apply(target, thisArg, args: unknown[]) {
      const result: unknown = Reflect.apply(target, thisArg, args);
      // `sql\`…\`` is a query; `sql(value)` (an identifier or a list helper) is not.
      return Array.isArray(args[0]) && "raw" in (args[0] as object)
        ? bound(result as PendingQuery, ms)
        : result;
    },
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (property === "unsafe") {
        return (...args: unknown[]) => bound(fn.apply(target, args) as PendingQuery, ms);
      }
      if (property === "begin") {
        return (...args: unknown[]) =>
          boundTransaction((...a) => fn.apply(target, a) as Promise<unknown>, args, ms);
      }
      if (property === "savepoint") {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: Sql) => Promise<unknown>;
          return fn.apply(target, [...args, (tx: Sql) => body(withDeadlines(tx, ms))]);
        };
      }
      return fn.bind(target);
    },
  });
}
