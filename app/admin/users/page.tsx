// GET /admin/users – search users by email prefix, name or id; filter by status and platform role
import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import {
  firstParam,
  NextPageLink,
  SearchError,
  SearchFilterForm,
  searchOrError,
} from "@/components/admin/search-filter-form";
import {
  PLATFORM_ROLES,
  searchUsers,
  USER_STATUSES,
  type UserListRow,
} from "@/lib/admin/search-users";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = firstParam;

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
  const { result, error } = await searchOrError(() => searchUsers(admin, input));
  const next = result?.nextCursor
    ? `/admin/users?${new URLSearchParams({ q: input.q, status: input.status, role: input.role, cursor: result.nextCursor }).toString()}`
    : null;

  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <SearchFilterForm
        idPrefix="users"
        className="sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
        query={{ label: "Email, name or user id", value: input.q }}
        filters={[
          {
            name: "status",
            label: "Status",
            value: input.status,
            options: USER_STATUSES.map((status) => ({
              value: status,
              label: status === "all" ? "Any status" : status[0]!.toUpperCase() + status.slice(1),
            })),
          },
          {
            name: "role",
            label: "Platform role",
            value: input.role,
            options: PLATFORM_ROLES.map((role) => ({
              value: role,
              label: role === "all" ? "Any role" : role === "admin" ? "Platform admin" : "User",
            })),
          },
        ]}
      />
      <SearchError error={error} />
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
      <NextPageLink href={next} />
    </div>
  );
}
