import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { startEmbeddedDatabase } from "@/lib/db/embedded";

export interface ScriptDatabase {
  url: string;
  embedded: boolean;
  /** Stop what this script started (the embedded database when no server was running). */
  release(): Promise<void>;
}

function runningEmbeddedUrl(dataRoot: string): string | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataRoot, "pglite.lock"), "utf8"), 10);
    process.kill(pid, 0);
    return fs.readFileSync(path.join(dataRoot, "database-url"), "utf8").trim();
  } catch {
    return null;
  }
}

/**
 * The database a script acts on: DATABASE_URL; else the embedded database that a running
 * `npm run dev` / `npm start` serves (it writes its URL to .data/database-url); else the embedded
 * database opened by this script itself for as long as it runs.
 */
export async function openScriptDatabase(): Promise<ScriptDatabase> {
  nextEnv.loadEnvConfig(process.cwd());
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, release: async () => {} };
  }
  const dataRoot = path.join(process.cwd(), ".data");
  const running = runningEmbeddedUrl(dataRoot);
  if (running) return { url: running, embedded: true, release: async () => {} };
  const database = await startEmbeddedDatabase({ dataDir: path.join(dataRoot, "pglite") });
  return { url: database.url, embedded: true, release: () => database.stop() };
}
