import type { Metadata } from "next";
import { AppShell } from "@/components/app/app-shell";
import { CreateWorkspaceForm } from "@/components/app/create-workspace-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  const session = await requireSession("/workspaces/new");
  return (
    <AppShell session={session}>
      <Card className="mx-auto max-w-md">
        <CardHeader>
          <CardTitle>
            <h1>Create a workspace</h1>
          </CardTitle>
          <CardDescription>
            A workspace holds your boards, your team and your plan. You can invite people next.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateWorkspaceForm />
        </CardContent>
      </Card>
    </AppShell>
  );
}
