import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded default database: PGlite (Postgres compiled to WASM) behind a socket server, so
 * every other process (Next.js workers, scripts, drizzle-kit) connects with an ordinary
 * DATABASE_URL. PGlite has no cross-process lock, so exactly one process may open a data
 * directory; a lock file next to it turns a second owner into a clear error instead of a
 * corrupted directory.
 */

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export class DataDirectoryLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database at ${dataDir} is in use by another process (pid ${pid}). ` +
        `Stop that process (another \`npm run dev\` or \`npm start\`?) or set DATABASE_URL to use ` +
        `a PostgreSQL server instead.`,
    );
    this.name = "DataDirectoryLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lock file atomically; a lock left by a dead process is taken over. */
function acquireLock(lockFile: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
      // A live owner, this process included (opening the directory twice corrupts it too).
      if (Number.isInteger(owner) && isAlive(owner)) {
        throw new DataDirectoryLockedError(dataDir, owner);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

export async function startEmbeddedDatabase(
  options: { dataDir?: string; port?: number; host?: string } = {},
): Promise<EmbeddedDatabase> {
  let release = () => {};
  if (options.dataDir) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    release = acquireLock(`${options.dataDir}.lock`, options.dataDir);
  }
  try {
    // Extensions the migrations create must be loaded into PGlite up front.
    const pglite = new PGlite({ dataDir: options.dataDir, extensions: { pg_trgm, fuzzystrmatch } });
    await pglite.waitReady;
    const server = new PGLiteSocketServer({
      db: pglite,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
      maxConnections: 200,
    });
    await server.start();
    const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
    return {
      url,
      async stop() {
        await server.stop();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
