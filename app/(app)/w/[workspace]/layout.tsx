import { notFound } from "next/navigation";
import { AppShell } from "@/components/app/app-shell";
import { PendingInvitationsNotice } from "@/components/app/members/pending-invitations-notice";
import { WorkspaceNav } from "@/components/app/workspace-nav";
import { BillingBanner } from "@/components/billing/billing-banner";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getBillingState } from "@/lib/billing/entitlements";
import { isAppError } from "@/lib/errors";
import { countPendingModeration } from "@/lib/moderation/moderation-queue";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";
import { listMyInvitations } from "@/lib/workspaces/list-my-invitations";

export default async function WorkspaceLayout({
  params,
  children,
}: {
  params: Promise<{ workspace: string }>;
  children: React.ReactNode;
}) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}`);
  const principal = principalOf(session);
  const membership = await getWorkspaceBySlug(principal, slug).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const canModerate = hasPermission(membership.role, "problem:moderate");
  const pendingCount = canModerate
    ? await countPendingModeration(principal, membership.workspaceId)
    : 0;
  const [billing, invitations] = await Promise.all([
    getBillingState(membership.workspaceId),
    listMyInvitations(principal),
  ]);
  return (
    <AppShell
      session={session}
      currentSlug={slug}
      nav={
        <>
          <WorkspaceNav
            workspaceSlug={slug}
            canModerate={canModerate}
            pendingCount={pendingCount}
            canManageBilling={hasPermission(membership.role, "billing:manage")}
            canReadAuditLog={hasPermission(membership.role, "auditlog:read")}
          />
          <BillingBanner state={billing} billingHref={`/w/${slug}/billing`} />
          <PendingInvitationsNotice invitations={invitations} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
