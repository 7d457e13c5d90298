import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runMigrations } from "@/lib/db/migrate";

describe("database schema", () => {
  it("has row-level security enabled on every table in public", async () => {
    const rows = await db.execute<{ table: string; rls: boolean }>(
      sql`select relname as table, relrowsecurity as rls from pg_class
          where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => !r.rls).map((r) => r.table)).toEqual([]);
  });

  it("migrating twice changes nothing", async () => {
    const before = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    await runMigrations(process.env.DATABASE_URL!, {
      embedded: process.env.DATABASE_EMBEDDED === "1",
    });
    const after = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    expect(after[0]?.count).toBe(before[0]?.count);
    expect(before[0]?.count).toBeGreaterThanOrEqual(2);
  });
});
