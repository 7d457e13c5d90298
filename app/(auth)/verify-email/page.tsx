import type { Metadata } from "next";
import Link from "next/link";
import { ResendVerificationForm } from "@/components/auth/password-reset-forms";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Check your inbox" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { email } = await searchParams;
  const address = typeof email === "string" ? email : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Check your inbox</h1>
        </CardTitle>
        <CardDescription>
          We&apos;ve sent a link to {address ? <strong>{address}</strong> : "your email address"}.
          Open it to verify your address and sign in. The link works for 24 hours.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <p className="text-sm text-muted-foreground">
          Nothing arrived? Check spam, or send a new link.
        </p>
        <ResendVerificationForm email={address} />
        <p className="text-center text-sm">
          <Link
            href="/sign-in"
            className="text-muted-foreground underline-offset-4 hover:underline"
          >
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
