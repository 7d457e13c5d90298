import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getWorkspaceBySlug, listMembers } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Workspace" };

export default async function WorkspacePage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  const members = await listMembers(principal, workspace.workspaceId);

  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{workspace.workspaceName}</h1>
        <Badge variant="secondary">Your role: {ROLE_LABELS[workspace.role]}</Badge>
        {workspace.personal ? <Badge variant="outline">Personal</Badge> : null}
      </div>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Members</h2>
          </CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "person" : "people"} in this workspace.
          </CardDescription>
          <CardAction>
            <Button asChild variant="outline" size="sm">
              <Link href={`/w/${slug}/members`}>Manage members</Link>
            </Button>
          </CardAction>
        </CardHeader>
        <CardContent>
          <table className="w-full text-sm">
            <thead className="text-left text-muted-foreground">
              <tr>
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Email</th>
                <th className="py-2 font-medium">Role</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId} className="border-t">
                  <td className="py-2">{member.name}</td>
                  <td className="py-2 text-muted-foreground">{member.email}</td>
                  <td className="py-2">{ROLE_LABELS[member.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </div>
  );
}
