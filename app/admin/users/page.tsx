// GET /admin/users – search users by email prefix, name or id; filter by status and platform role
import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  PLATFORM_ROLES,
  searchUsers,
  USER_STATUSES,
  type UserListRow,
} from "@/lib/admin/search-users";
import { isAppError } from "@/lib/errors";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const selectClass = "h-9 rounded-md border border-input bg-transparent px-2 text-sm";

function statusOf(user: UserListRow) {
  if (user.banned) return "Banned";
  return user.emailVerified ? "Active" : "Unverified";
}

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { admin } = await requireAdmin();
  const params = await searchParams;
  const input = {
    q: first(params.q) ?? "",
    status: first(params.status) || "all",
    role: first(params.role) || "all",
    cursor: first(params.cursor) || undefined,
  };
  let result: Awaited<ReturnType<typeof searchUsers>> | null = null;
  let error: string | null = null;
  try {
    result = await searchUsers(admin, input);
  } catch (thrown) {
    if (!isAppError(thrown)) throw thrown;
    error = Object.values(thrown.fieldErrors ?? {}).flat()[0] ?? thrown.message;
  }
  const next = result?.nextCursor
    ? `/admin/users?${new URLSearchParams({ q: input.q, status: input.status, role: input.role, cursor: result.nextCursor }).toString()}`
    : null;

  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <form
        role="search"
        method="get"
        className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
      >
        <div className="grid gap-1.5">
          <Label htmlFor="users-q">Email, name or user id</Label>
          <Input id="users-q" name="q" type="search" defaultValue={input.q} autoComplete="off" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="users-status">Status</Label>
          <select
            id="users-status"
            name="status"
            defaultValue={input.status}
            className={selectClass}
          >
            {USER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status === "all" ? "Any status" : status[0]!.toUpperCase() + status.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="users-role">Platform role</Label>
          <select id="users-role" name="role" defaultValue={input.role} className={selectClass}>
            {PLATFORM_ROLES.map((role) => (
              <option key={role} value={role}>
                {role === "all" ? "Any role" : role === "admin" ? "Platform admin" : "User"}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" size="sm" className="h-9">
          Search
        </Button>
      </form>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      {result ? (
        <AdminTable
          caption={`Users, newest first${input.q ? ` matching “${input.q}”` : ""}`}
          headers={["Name", "Email", "Status", "Platform role", "Signed up"]}
          empty={result.rows.length === 0 ? "No users match." : null}
        >
          {result.rows.map((user) => (
            <tr key={user.id}>
              <td className={cell}>
                <Link
                  href={`/admin/users/${user.id}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {user.name}
                </Link>
              </td>
              <td className={`${cell} break-all`}>{user.email}</td>
              <td className={cell}>{statusOf(user)}</td>
              <td className={cell}>{user.role === "admin" ? "Platform admin" : "User"}</td>
              <td className={cell}>
                <Time at={user.createdAt} />
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      {next ? (
        <nav aria-label="Pages">
          <Link href={next} className="text-sm font-medium underline underline-offset-4">
            Next page
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
