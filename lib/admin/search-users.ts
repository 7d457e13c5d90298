import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { parseInput, userText } from "@/lib/validation";
import { PLATFORM_ADMIN_ROLE, type AdminPrincipal } from "./require-platform-admin";

export const USER_PAGE_SIZE = 25;
export const USER_STATUSES = ["all", "active", "banned", "unverified"] as const;
export const PLATFORM_ROLES = ["all", "admin", "user"] as const;

export const userSearchSchema = z.object({
  q: userText({ max: 200 }).optional().default(""),
  status: z.enum(USER_STATUSES, { error: "Pick a status from the list." }).default("all"),
  role: z.enum(PLATFORM_ROLES, { error: "Pick a role from the list." }).default("all"),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "This page link is out of date.")
    .optional(),
});
export type UserSearch = z.output<typeof userSearchSchema>;

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  role: string | null;
  banned: boolean;
  banExpires: Date | null;
  createdAt: Date;
}

/** "createdAt|id" of the last row, opaque in the URL. */
const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The start of an email address rather than a name: no spaces, and an `@`, a digit, `.`, `_` or
 * `+` (`ada.lovelace`, `jo+test`, `customer12`). Searched by email prefix alone: the name
 * condition (`%…%` on the trigram index) costs 10–30 ms on 100,000 users for such a term and
 * almost never matches a name (docs/performance.md, "Operator console").
 */
const EMAIL_LIKE = /^[^\s]*[@0-9._+][^\s]*$/;

/**
 * The users list of the console: search by id (exact), email (prefix) or name (contains; not
 * for a term that looks like the start of an email address, EMAIL_LIKE),
 * filtered by status and platform role, newest first, one page of USER_PAGE_SIZE after the
 * cursor. Every query is bounded by the page size and served by an index (users_email_prefix_idx,
 * users_name_trgm_idx, users_created_at_idx).
 */
export async function searchUsers(
  _admin: AdminPrincipal,
  input: unknown,
): Promise<{ rows: UserListRow[]; nextCursor: string | null; search: UserSearch }> {
  const search = parseInput(userSearchSchema, input);
  const where: SQL[] = [];
  const q = search.q;
  if (q) {
    if (/^usr_[a-z0-9]{1,64}$/.test(q)) where.push(eq(users.id, q));
    else if (EMAIL_LIKE.test(q)) {
      where.push(sql`lower(${users.email}) like ${`${escapeLike(q.toLowerCase())}%`}`);
    } else {
      where.push(
        or(
          sql`lower(${users.email}) like ${`${escapeLike(q.toLowerCase())}%`}`,
          ilike(users.name, `%${escapeLike(q)}%`),
        )!,
      );
    }
  }
  if (search.status === "banned") where.push(eq(users.banned, true));
  if (search.status === "active") {
    where.push(sql`coalesce(${users.banned}, false) = false`, eq(users.emailVerified, true));
  }
  if (search.status === "unverified") {
    where.push(eq(users.emailVerified, false), sql`coalesce(${users.banned}, false) = false`);
  }
  if (search.role === "admin") where.push(eq(users.role, PLATFORM_ADMIN_ROLE));
  if (search.role === "user") {
    where.push(sql`coalesce(${users.role}, 'user') <> ${PLATFORM_ADMIN_ROLE}`);
  }
  const after = search.cursor ? decodeCursor(search.cursor) : null;
  if (after) {
    where.push(
      sql`(${users.createdAt}, ${users.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`,
    );
  }
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      role: users.role,
      banned: sql<boolean>`coalesce(${users.banned}, false)`,
      banExpires: users.banExpires,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(...where))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(USER_PAGE_SIZE + 1);
  const page = rows.slice(0, USER_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > USER_PAGE_SIZE && last ? encodeCursor(last) : null,
    search,
  };
}
