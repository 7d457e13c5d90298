import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirectoryLockedError, startEmbeddedDatabase } from "@/lib/db/embedded";

const dirs: string[] = [];
function tempDataDir() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pb-embedded-test-"));
  dirs.push(root);
  return path.join(root, "pglite");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("embedded database", () => {
  it("persists data across restarts and refuses a second owner while running", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedDatabase({ dataDir });
    try {
      const sql = postgres(first.url, { max: 1, prepare: false });
      await sql`create table notes (body text)`;
      await sql`insert into notes values ('kept')`;
      await sql.end();
      await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(DataDirectoryLockedError);
      await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(/in use by another process/);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

    const second = await startEmbeddedDatabase({ dataDir });
    try {
      const sql = postgres(second.url, { max: 1, prepare: false });
      expect(await sql`select body from notes`).toEqual([{ body: "kept" }]);
      await sql.end();
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("names the process that holds the directory, and takes over a lock left by a dead one", async () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(`${dataDir}.lock`, String(holder.pid));
      await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(`(pid ${holder.pid})`);
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once("exit", resolve));
    const database = await startEmbeddedDatabase({ dataDir });
    await database.stop();
  }, 60_000);
});
