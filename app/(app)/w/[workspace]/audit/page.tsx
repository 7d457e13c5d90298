import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAuditLog, type AuditLogEntry, type AuditLogPage } from "@/lib/audit/list-audit-log";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Audit log" };

/** UTC, to the second: the time the entry was recorded. */
const when = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;

function actorLabel(entry: AuditLogEntry): string {
  if (entry.actorType === "system") return "System";
  if (entry.actorType === "api_key") return `API key ${entry.actorId ?? ""}`.trim();
  const who = entry.actorName ?? entry.actorEmail ?? entry.actorId ?? "Unknown";
  return entry.actorType === "admin"
    ? `${entry.impersonatorName ?? entry.impersonatorId ?? "Platform admin"} (as ${who})`
    : who;
}

function retentionText(days: number): string {
  if (!Number.isFinite(days)) return "Entries are kept for as long as your contract says.";
  return days >= 365
    ? "Your plan shows the last year of activity."
    : `Your plan shows the last ${days} days of activity.`;
}

export default async function AuditLogRoute({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const { workspace: slug } = await params;
  const { cursor } = await searchParams;
  const session = await requireSession(`/w/${slug}/audit`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  if (!hasPermission(workspace.role, "auditlog:read")) notFound();

  let page: AuditLogPage | null = null;
  let refusal: string | null = null;
  try {
    page = await listAuditLog(principal, workspace.workspaceId, {
      cursor: typeof cursor === "string" && /^[1-9]\d{0,15}$/.test(cursor) ? cursor : undefined,
    });
  } catch (error) {
    // The plan has no audit log: say so instead of failing the page.
    if (isAppError(error) && error.code === "forbidden") refusal = error.message;
    else throw error;
  }

  return (
    <div className="grid gap-8">
      <div className="grid gap-1">
        <Link
          href={`/w/${slug}`}
          className="text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          ← {workspace.workspaceName}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Activity in this workspace</h2>
          </CardTitle>
          <CardDescription>
            {page
              ? `Who changed members, boards, billing and moderation, newest first. ${retentionText(page.retentionDays)}`
              : refusal}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {!page ? (
            hasPermission(workspace.role, "billing:manage") ? (
              <Button asChild>
                <Link href={`/w/${slug}/billing`}>See plans</Link>
              </Button>
            ) : (
              <p className="text-sm text-muted-foreground">
                Ask an owner of this workspace to upgrade.
              </p>
            )
          ) : page.entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              {cursor ? "No older entries." : "Nothing has been recorded yet."}
            </p>
          ) : (
            <div className="grid gap-4">
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead className="text-left text-muted-foreground">
                    <tr>
                      <th className="py-2 pr-4 font-medium">Time</th>
                      <th className="py-2 pr-4 font-medium">Actor</th>
                      <th className="py-2 pr-4 font-medium">Action</th>
                      <th className="py-2 pr-4 font-medium">Target</th>
                      <th className="py-2 font-medium">IP</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.entries.map((entry) => (
                      <tr key={entry.id} className="border-t align-top">
                        <td className="py-2 pr-4 whitespace-nowrap text-muted-foreground">
                          <time dateTime={entry.createdAt.toISOString()}>
                            {when(entry.createdAt)}
                          </time>
                        </td>
                        <td className="py-2 pr-4">{actorLabel(entry)}</td>
                        <td className="py-2 pr-4 font-mono text-xs">{entry.action}</td>
                        <td className="py-2 pr-4 font-mono text-xs text-muted-foreground">
                          {entry.targetType ? `${entry.targetType} ${entry.targetId ?? ""}` : "—"}
                        </td>
                        <td className="py-2 font-mono text-xs text-muted-foreground">
                          {entry.ip ?? "—"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {page.nextCursor ? (
                <div>
                  <Button asChild variant="outline" size="sm">
                    <Link href={`/w/${slug}/audit?cursor=${page.nextCursor}`}>Load more</Link>
                  </Button>
                </div>
              ) : null}
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
