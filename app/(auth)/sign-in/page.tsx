import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getSession } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, { text: string; error?: boolean }> = {
  reset: { text: "Your password was changed. Sign in with the new one." },
  link: { text: "That sign-in link is invalid or has expired. Request a new one.", error: true },
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only a page of this site may be where signing in leads (no open redirect).
  const next = safeRedirectPath(params.next, null) ?? undefined;
  if (await getSession()) redirect(next ?? "/app");
  const notice = params.reset ? NOTICES.reset : params.error ? NOTICES.link : undefined;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Sign in to Problemboard</h1>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6">
        {notice ? (
          <Alert variant={notice.error ? "destructive" : "default"} role="status">
            <AlertDescription>{notice.text}</AlertDescription>
          </Alert>
        ) : null}
        <SignInForm next={next} />
        <p className="text-center text-sm text-muted-foreground">
          New to Problemboard?{" "}
          <Link
            // An invitation (or any page) that sent here survives a sign-up too.
            href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Create an account
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
