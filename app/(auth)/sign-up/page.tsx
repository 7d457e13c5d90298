import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSession } from "@/lib/auth/session";
import { billingIntervalSchema, PLANS } from "@/lib/billing/plans";

export const metadata: Metadata = { title: "Create your account" };

/** A plan chosen on the pricing page: after verifying, the new user lands on its checkout. */
const planIntent = z.object({ plan: z.enum(["pro", "team"]), interval: billingIntervalSchema });

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const intent = planIntent.safeParse(await searchParams);
  const next = intent.success
    ? `/app?plan=${intent.data.plan}&interval=${intent.data.interval}`
    : undefined;
  if (await getSession()) redirect(next ?? "/app");
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Create your account</h1>
        </CardTitle>
        <CardDescription>
          {intent.success
            ? `Create your account, then start your ${PLANS[intent.data.plan].name} trial from your workspace's billing page.`
            : "Free for your first board. No card needed."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <SignUpForm next={next} />
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link
            href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
