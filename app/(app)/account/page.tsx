import type { Metadata } from "next";
import { signOutEverywhereAction } from "@/app/(app)/actions";
import {
  EmailForm,
  NameForm,
  PasswordForm,
  SignOutOthersForm,
} from "@/components/app/account/account-forms";
import { EmailPreferencesForm } from "@/components/app/account/email-preferences-form";
import { AppShell } from "@/components/app/app-shell";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describeDevice } from "@/lib/account/describe-device";
import { describePlace } from "@/lib/account/describe-place";
import { listSessions } from "@/lib/auth/list-sessions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getAccountEmailPreferences } from "@/lib/email/account-email-preferences";

export const metadata: Metadata = { title: "Account and security" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession("/account");
  const { password, email: emailChange, error } = await searchParams;
  const active = await listSessions(principalOf(session));
  const email = await getAccountEmailPreferences(principalOf(session));
  const others = active.filter((s) => s.id !== session.session.id).length;

  return (
    <AppShell session={session}>
      {/* Left-aligned with the header's wordmark, like every other app page. */}
      <div className="grid max-w-2xl grid-cols-1 gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">Account and security</h1>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Profile</h2>
            </CardTitle>
            <CardDescription>Signed in as {session.user.email}.</CardDescription>
          </CardHeader>
          <CardContent>
            <NameForm name={session.user.name} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Email address</h2>
            </CardTitle>
            <CardDescription>
              You sign in with {session.user.email}, and we send your email there.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {emailChange === "changed" && error ? (
              <Alert variant="destructive">
                <AlertDescription>
                  That confirmation link is invalid or has expired, so your email address is
                  unchanged. Ask for a new link below.
                </AlertDescription>
              </Alert>
            ) : emailChange === "changed" ? (
              <Alert role="status">
                <AlertDescription>Your email address is now {session.user.email}.</AlertDescription>
              </Alert>
            ) : null}
            <EmailForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Password</h2>
            </CardTitle>
            <CardDescription>
              Changing it signs you out on your other devices. Forgot it? Sign out and use
              &ldquo;Forgot your password?&rdquo; on the sign-in page.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {password === "changed" ? (
              <Alert role="status">
                <AlertDescription>
                  Password changed. Your other devices were signed out.
                </AlertDescription>
              </Alert>
            ) : null}
            <PasswordForm email={session.user.email} />
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
              {active.length} active {active.length === 1 ? "session" : "sessions"}. If you
              don&apos;t recognise one, sign out the others and change your password. Places are
              shown for local and private networks only: we don&apos;t look up where a public
              address is.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ul className="grid gap-3 text-sm">
              {active.map((s) => {
                const device = describeDevice(s.userAgent);
                const place = describePlace(s.ipAddress);
                const current = s.id === session.session.id;
                return (
                  <li
                    key={s.id}
                    className="grid min-w-0 gap-0.5 border-b pb-3 last:border-0 last:pb-0"
                  >
                    <span className="flex flex-wrap items-center gap-2 font-medium">
                      {device.browser} on {device.os}
                      {current ? <Badge variant="secondary">This device</Badge> : null}
                    </span>
                    <span className="text-muted-foreground wrap-anywhere">
                      {place.label}
                      {place.kind === "none" ? "" : ` (${s.ipAddress})`} · signed in{" "}
                      <time dateTime={s.createdAt.toISOString()}>
                        {s.createdAt.toLocaleString("en-US", {
                          dateStyle: "medium",
                          timeStyle: "short",
                          timeZone: "UTC",
                        })}{" "}
                        UTC
                      </time>
                    </span>
                  </li>
                );
              })}
            </ul>
            <div className="flex flex-wrap items-start gap-3">
              <SignOutOthersForm others={others} />
              <form action={signOutEverywhereAction}>
                <Button type="submit" variant="destructive" size="sm">
                  Sign out everywhere
                </Button>
              </form>
            </div>
          </CardContent>
        </Card>
      </div>
    </AppShell>
  );
}
