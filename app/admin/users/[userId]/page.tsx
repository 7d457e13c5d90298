// GET /admin/users/{id} – one user: profile, sessions, workspaces, emails, audit; ban, sign out
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminActionForm } from "@/components/admin/admin-action-form";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import { AuditEntriesTable, MembershipsTable } from "@/components/admin/customer-tables";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { sessionFreshness } from "@/lib/admin/fresh-session";
import { getUserDetail } from "@/lib/admin/get-user-detail";
import { isAppError } from "@/lib/errors";
import { requireAdmin } from "../../admin-session";
import {
  banUserAction,
  resendVerificationAction,
  revokeAllSessionsAction,
  revokeSessionAction,
  unbanUserAction,
} from "../actions";
import { SensitiveActions } from "./sensitive-actions";

export const metadata: Metadata = { title: "User" };

async function load(admin: Parameters<typeof getUserDetail>[0], userId: string) {
  try {
    return await getUserDetail(admin, userId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { admin, session } = await requireAdmin();
  const { userId } = await params;
  const detail = await load(admin, userId);
  const freshness = await sessionFreshness(session.session);
  const { user } = detail;
  const isSelf = user.id === admin.userId;

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <p className="text-sm">
          <Link href="/admin/users" className="underline underline-offset-4">
            Users
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{user.name}</h1>
        <p className="text-sm break-all text-muted-foreground">{user.email}</p>
      </div>

      <section aria-labelledby="profile" className="grid gap-2">
        <h2 id="profile" className="text-lg font-semibold">
          Profile
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">User id</dt>
          <dd className="break-all">{user.id}</dd>
          <dt className="text-muted-foreground">Email</dt>
          <dd>{user.emailVerified ? "Verified" : "Not verified"}</dd>
          <dt className="text-muted-foreground">Platform role</dt>
          <dd>{user.role === "admin" ? "Platform admin" : "User"}</dd>
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            {user.banned ? (
              <>
                Banned
                {user.banExpires ? (
                  <>
                    {" "}
                    until <Time at={user.banExpires} />
                  </>
                ) : (
                  " until lifted"
                )}
                {user.banReason ? ` — ${user.banReason}` : ""}
              </>
            ) : (
              "Active"
            )}
          </dd>
          <dt className="text-muted-foreground">Signed up</dt>
          <dd>
            <Time at={user.createdAt} />
          </dd>
        </dl>
      </section>

      <div className="grid gap-4 md:grid-cols-2">
        {isSelf ? null : user.banned ? (
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Lift the ban</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <AdminActionForm
                id="unban"
                action={unbanUserAction}
                hidden={{ userId: user.id }}
                submitLabel="Unban"
              />
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Ban</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <AdminActionForm
                id="ban"
                action={banUserAction}
                hidden={{ userId: user.id }}
                submitLabel="Ban user"
                destructive
                withExpiry
              />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Sign out everywhere</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <AdminActionForm
              id="signout"
              action={revokeAllSessionsAction}
              hidden={{ userId: user.id }}
              submitLabel="End all sessions"
            />
          </CardContent>
        </Card>
        {user.emailVerified ? null : (
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Resend the verification email</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <AdminActionForm
                id="verify"
                action={resendVerificationAction}
                hidden={{ userId: user.id }}
                submitLabel="Resend"
              />
            </CardContent>
          </Card>
        )}
      </div>

      <SensitiveActions user={user} adminId={admin.userId} freshness={freshness} />

      <AdminTable
        caption={`Sessions (${detail.sessions.length})`}
        headers={["Started", "Expires", "Device", "Address", "End"]}
        empty={detail.sessions.length === 0 ? "No active sessions." : null}
      >
        {detail.sessions.map((s) => (
          <tr key={s.id}>
            <td className={cell}>
              <Time at={s.createdAt} />
            </td>
            <td className={cell}>
              <Time at={s.expiresAt} />
            </td>
            <td className={`${cell} max-w-64 break-words`}>
              {s.userAgent ?? "Unknown device"}
              {s.impersonatedBy ? ` (impersonated by ${s.impersonatedBy})` : ""}
            </td>
            <td className={cell}>{s.ipAddress ?? "—"}</td>
            <td className={`${cell} min-w-56`}>
              <AdminActionForm
                id={`end-${s.id}`}
                action={revokeSessionAction}
                hidden={{ userId: user.id, sessionId: s.id }}
                submitLabel="End this session"
              />
            </td>
          </tr>
        ))}
      </AdminTable>

      <MembershipsTable rows={detail.memberships} />

      <AdminTable
        caption="Emails sent (newest 20, from the outbox)"
        headers={["Sent", "Template", "Subject", "Status"]}
        empty={detail.emails.length === 0 ? "No emails sent." : null}
      >
        {detail.emails.map((e) => (
          <tr key={e.id}>
            <td className={cell}>
              <Time at={e.createdAt} />
            </td>
            <td className={cell}>{e.template}</td>
            <td className={`${cell} break-words`}>{e.subject ?? "—"}</td>
            <td className={cell}>{e.status}</td>
          </tr>
        ))}
      </AdminTable>

      <AuditEntriesTable
        caption="Audit entries (newest 30, by or about this user)"
        rows={detail.audit}
      />
    </div>
  );
}
