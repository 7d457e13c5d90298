import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ResendVerificationForm } from "@/components/auth/password-reset-forms";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Verify your email" };

/** Where email verification links land: on success into the app, otherwise a way to retry. */
export default async function VerifiedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { error, next } = await searchParams;
  // Only a same-site path (the sign-up form's plan choice) may be where this lands.
  if (!error) redirect(safeRedirectPath(next));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>This link didn&apos;t work</h1>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6">
        <Alert variant="destructive">
          <AlertDescription>
            {error === "token_expired"
              ? "The verification link has expired."
              : "The verification link is invalid or was already used."}{" "}
            Enter your email and we&apos;ll send a new one.
          </AlertDescription>
        </Alert>
        <ResendVerificationForm />
      </CardContent>
    </Card>
  );
}
