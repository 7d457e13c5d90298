import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSession } from "@/lib/auth/session";
import { billingIntervalSchema, PLANS } from "@/lib/billing/plans";
import { getInvitationPreview } from "@/lib/workspaces/list-my-invitations";

export const metadata: Metadata = { title: "Create your account" };

/** A plan chosen on the pricing page: after verifying, the new user lands on its checkout. */
const planIntent = z.object({ plan: z.enum(["pro", "team"]), interval: billingIntervalSchema });

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const intent = planIntent.safeParse(params);
  // Where the visitor was going (a same-site path, e.g. the invitation that sent them here).
  const requested =
    typeof params.next === "string" && /^\/(?!\/)[^\s\\]*$/.test(params.next)
      ? params.next
      : undefined;
  const next = intent.success
    ? `/app?plan=${intent.data.plan}&interval=${intent.data.interval}`
    : requested;
  if (await getSession()) redirect(next ?? "/app");
  const invitationId = /^\/invitations\/([A-Za-z0-9_-]+)$/.exec(next ?? "")?.[1];
  const invitation = invitationId ? await getInvitationPreview(invitationId) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Create your account</h1>
        </CardTitle>
        <CardDescription>
          {invitation
            ? `Create your account to join ${invitation.workspaceName}. Use ${invitation.email}, the address the invitation was sent to; after you confirm it, you can accept.`
            : intent.success
              ? `Create your account, then start your ${PLANS[intent.data.plan].name} trial from your workspace's billing page.`
              : "Free for your first board. No card needed."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <SignUpForm next={next} email={invitation?.email} />
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
