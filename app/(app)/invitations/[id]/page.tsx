import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "@/components/app/app-shell";
import { AcceptInvitationForm } from "@/components/app/members/accept-invitation-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getInvitation, type InvitationDetails } from "@/lib/workspaces/get-invitation";
import { INVITATION_STATE_MESSAGES } from "@/lib/workspaces/invitation-state";
import { switchAccountAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireSession(`/invitations/${id}`);
  let invitation: InvitationDetails | null = null;
  try {
    invitation = await getInvitation(principalOf(session), id);
  } catch (error) {
    if (!isAppError(error) || error.code !== "not_found") throw error;
  }

  return (
    <AppShell session={session}>
      <Card className="mx-auto max-w-md">
        {invitation ? (
          <InvitationCard invitation={invitation} />
        ) : (
          <>
            <CardHeader>
              <CardTitle>
                <h1>This invitation isn&apos;t for this account</h1>
              </CardTitle>
              <CardDescription>
                This invitation was sent to a different email address. Sign in with that address.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 text-sm">
              <p className="text-muted-foreground">
                You&apos;re signed in as {session.user.email}.
              </p>
              <form action={switchAccountAction}>
                <input type="hidden" name="invitationId" value={id} />
                <Button type="submit" variant="outline">
                  Sign in with another account
                </Button>
              </form>
            </CardContent>
          </>
        )}
      </Card>
    </AppShell>
  );
}

function InvitationCard({ invitation }: { invitation: InvitationDetails }) {
  const role = ROLE_LABELS[invitation.role].toLowerCase();
  const { inviterName, workspaceName } = invitation;
  const summary = `${inviterName} invited you to join ${workspaceName} as ${article(role)} ${role}.`;
  if (invitation.state !== "pending") {
    return (
      <>
        <CardHeader>
          <CardTitle>
            <h1>Join {invitation.workspaceName}</h1>
          </CardTitle>
          <CardDescription>{INVITATION_STATE_MESSAGES[invitation.state]}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            <Link href="/app">Go to your workspace</Link>
          </Button>
        </CardContent>
      </>
    );
  }
  return (
    <>
      <CardHeader>
        <CardTitle>
          <h1>Join {invitation.workspaceName}</h1>
        </CardTitle>
        <CardDescription>{summary}</CardDescription>
      </CardHeader>
      <CardContent>
        <AcceptInvitationForm invitationId={invitation.id} />
      </CardContent>
    </>
  );
}
