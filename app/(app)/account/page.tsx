import type { Metadata } from "next";
import { signOutEverywhereAction } from "@/app/(app)/actions";
import { EmailPreferencesForm } from "@/components/app/account/email-preferences-form";
import { AppShell } from "@/components/app/app-shell";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listSessions } from "@/lib/auth/list-sessions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getAccountEmailPreferences } from "@/lib/email/account-email-preferences";

export const metadata: Metadata = { title: "Account and security" };

export default async function AccountPage() {
  const session = await requireSession("/account");
  const active = await listSessions(principalOf(session));
  const email = await getAccountEmailPreferences(principalOf(session));

  return (
    <AppShell session={session}>
      <div className="mx-auto grid max-w-2xl grid-cols-1 gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">Account and security</h1>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Profile</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-1 text-sm">
            <div>{session.user.name}</div>
            <div className="text-muted-foreground">{session.user.email}</div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Email notifications</h2>
            </CardTitle>
            <CardDescription>
              Sent to {email.email}. Account, security and billing emails are always sent.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {email.suppression ? (
              <Alert variant="destructive">
                <AlertDescription>
                  Emails to this address bounced or were marked as spam, so we&apos;ve stopped
                  sending notifications.
                </AlertDescription>
              </Alert>
            ) : null}
            <EmailPreferencesForm notifications={email.notifications} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Where you&apos;re signed in</h2>
            </CardTitle>
            <CardDescription>
              {active.length} active {active.length === 1 ? "session" : "sessions"}. Signing out
              everywhere ends all of them, this one included.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ul className="grid gap-2 text-sm">
              {active.map((s) => (
                <li
                  key={s.id}
                  className="flex min-w-0 justify-between gap-4 border-b pb-2 last:border-0"
                >
                  <span className="min-w-0 truncate">
                    {s.userAgent ?? "Unknown device"}
                    {s.id === session.session.id ? " (this browser)" : ""}
                  </span>
                  <time
                    className="shrink-0 text-muted-foreground"
                    dateTime={s.createdAt.toISOString()}
                  >
                    {s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </time>
                </li>
              ))}
            </ul>
            <form action={signOutEverywhereAction}>
              <Button type="submit" variant="destructive">
                Sign out everywhere
              </Button>
            </form>
          </CardContent>
        </Card>
      </div>
    </AppShell>
  );
}
