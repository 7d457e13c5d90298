import type postgres from "postgres";
import type { TableStats } from "./manifest";

type Sql = postgres.Sql | postgres.TransactionSql;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Session settings that make row text identical on every server: a timestamp prints the same in
 * the dump, in the checksum and after a restore whatever the server's time zone.
 */
export async function pinSessionFormat(sql: Sql) {
  await sql.unsafe(
    "set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local extra_float_digits = 1; set local intervalstyle = 'postgres'",
  );
}

/** The application's tables: everything in `public` (the migrations table lives in `drizzle`). */
export async function listTables(sql: Sql): Promise<string[]> {
  const rows = await sql.unsafe<{ name: string }[]>(
    `select c.relname as name from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`,
  );
  return rows.map((row) => row.name);
}

/** The columns a restore writes: all but generated ones, which the target computes itself. */
export async function storedColumns(sql: Sql, table: string): Promise<string[]> {
  const rows = await sql.unsafe<{ name: string }[]>(
    `select attname as name from pg_attribute
     where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''
     order by attnum`,
    [`public.${quoteIdent(table)}`],
  );
  return rows.map((row) => row.name);
}

/**
 * Row count and an order-independent checksum: the sum of the first 64 bits of each row's MD5
 * over the stored columns. Computed by the server on both sides (source at dump time, target
 * after loading), so it compares what PostgreSQL itself holds, not what our code thinks it wrote.
 */
export async function tableStats(sql: Sql, table: string, columns: string[]): Promise<TableStats> {
  const list = columns.map(quoteIdent).join(", ");
  const [row] = await sql.unsafe<{ rows: string; checksum: string }[]>(
    `select count(*)::text as rows,
            coalesce(sum(('x' || substr(md5(r::text), 1, 16))::bit(64)::bigint), 0)::text as checksum
     from (select ${list} from public.${quoteIdent(table)}) r`,
  );
  return { name: table, rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? "0" };
}

export async function listSequences(sql: Sql): Promise<{ name: string; value: string | null }[]> {
  const rows = await sql.unsafe<{ name: string; value: string | null }[]>(
    `select sequencename as name, last_value::text as value from pg_sequences
     where schemaname = 'public' order by sequencename`,
  );
  return rows.map((row) => ({ name: row.name, value: row.value }));
}
