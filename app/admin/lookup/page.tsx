// GET /admin/lookup?q= – customer 360: one box for an email, usr_, ws_, cus_ or sub_ id
import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/admin/admin-table";
import {
  adminLink,
  AuditEntriesTable,
  MembersTable,
  MembershipsTable,
  StripeEventsTable,
  SubscriptionHistoryTable,
  WorkspaceAccountDetails,
} from "@/components/admin/customer-tables";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  getUserCustomerView,
  getWorkspaceCustomerView,
  resolveLookup,
} from "@/lib/admin/lookup-customer";
import { displayStatus } from "@/lib/admin/search-workspaces";
import { stripeDashboardUrl } from "@/lib/billing/stripe";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Customer lookup" };

export default async function AdminLookupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { admin } = await requireAdmin();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const match = q ? await resolveLookup(admin, q) : null;
  // Data first, then synchronous rendering.
  const userView = match?.kind === "user" ? await getUserCustomerView(admin, match.userId) : null;
  const workspaceView =
    match?.kind === "workspace" ? await getWorkspaceCustomerView(admin, match.workspaceId) : null;

  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Customer lookup</h1>
      <form role="search" method="get" className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-end">
        <div className="grid gap-1.5">
          <Label htmlFor="lookup-q">Email, user id, workspace id, cus_ or sub_ id</Label>
          <Input id="lookup-q" name="q" type="search" defaultValue={q} autoComplete="off" />
        </div>
        <Button type="submit" size="sm" className="h-9">
          Look up
        </Button>
      </form>
      {!q ? (
        <p className="text-sm text-muted-foreground">
          Press <kbd className="rounded border px-1">/</kbd> on any admin page to jump to the box in
          the header.
        </p>
      ) : userView ? (
        <UserView view={userView} />
      ) : workspaceView ? (
        <WorkspaceView view={workspaceView} />
      ) : (
        <p role="status" className="text-sm">
          Nothing matches “{q}”. Search by a full email address, or an id that starts with usr_,
          ws_, cus_ or sub_.
        </p>
      )}
    </div>
  );
}

function UserView({
  view,
}: {
  view: NonNullable<Awaited<ReturnType<typeof getUserCustomerView>>>;
}) {
  return (
    <section aria-labelledby="account" className="grid gap-3">
      <h2 id="account" className="text-lg font-semibold break-words">
        {view.user.name} · {view.user.email}
      </h2>
      <p className="text-sm">
        {view.user.emailVerified ? "Verified" : "Not verified"}
        {view.user.banned ? ", banned" : ""}. Signed up <Time at={view.user.createdAt} />.{" "}
        <Link href={`/admin/users/${view.user.id}`} className={adminLink}>
          Sessions, emails, audit and actions
        </Link>
      </p>
      <MembershipsTable caption="Workspaces" rows={view.memberships} />
    </section>
  );
}

function WorkspaceView({
  view,
}: {
  view: NonNullable<Awaited<ReturnType<typeof getWorkspaceCustomerView>>>;
}) {
  const { workspace, account } = view;
  return (
    <div className="grid gap-6">
      <section aria-labelledby="workspace" className="grid gap-2">
        <h2 id="workspace" className="text-lg font-semibold break-words">
          {workspace.name}
          {workspace.personal ? " (personal)" : ""}
        </h2>
        <WorkspaceAccountDetails
          workspace={workspace}
          account={account}
          status={account ? displayStatus(account.status, account.pastDueSince) : "none"}
          dashboard={{
            customer: account?.stripeCustomerId
              ? stripeDashboardUrl("customers", account.stripeCustomerId)
              : null,
            subscription: account?.stripeSubscriptionId
              ? stripeDashboardUrl("subscriptions", account.stripeSubscriptionId)
              : null,
          }}
        />
        <p className="text-sm">
          <Link href={`/admin/workspaces/${workspace.id}`} className={adminLink}>
            Subscription actions (cancel, refund, trial, coupon, plan)
          </Link>
        </p>
      </section>
      <MembersTable rows={view.people} />
      <SubscriptionHistoryTable rows={view.history} />
      <StripeEventsTable rows={view.events} />
      <AuditEntriesTable caption="Audit entries (newest 20)" rows={view.audit} />
    </div>
  );
}
