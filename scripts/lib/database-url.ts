import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

/**
 * The database a script should act on: DATABASE_URL, or the embedded database that a running
 * `npm run dev` / `npm start` serves (it writes its URL to .data/database-url).
 */
export function resolveDatabaseUrl(): { url: string; embedded: boolean } {
  nextEnv.loadEnvConfig(process.cwd());
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false };
  const file = path.join(process.cwd(), ".data", "database-url");
  if (fs.existsSync(file)) return { url: fs.readFileSync(file, "utf8").trim(), embedded: true };
  console.error(
    "DATABASE_URL is not set and no embedded database is running.\n" +
      "Set DATABASE_URL, or start `npm run dev` (it migrates and seeds the embedded database itself).",
  );
  process.exit(1);
}
