// GET /admin/lookup?q= – customer 360: one box for an email, usr_, ws_, cus_ or sub_ id
import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  getUserCustomerView,
  getWorkspaceCustomerView,
  resolveLookup,
} from "@/lib/admin/lookup-customer";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Customer lookup" };

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const link = "font-medium underline underline-offset-4";

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
        <Link href={`/admin/users/${view.user.id}`} className={link}>
          Sessions, emails, audit and actions
        </Link>
      </p>
      <AdminTable
        caption="Workspaces"
        headers={["Workspace", "Role", "Plan", "Status"]}
        empty={view.memberships.length === 0 ? "No workspaces." : null}
      >
        {view.memberships.map((m) => (
          <tr key={m.workspaceId}>
            <td className={cell}>
              <Link href={`/admin/lookup?q=${m.workspaceId}`} className={link}>
                {m.name}
              </Link>
            </td>
            <td className={cell}>{m.role}</td>
            <td className={cell}>{m.planId ?? "free"}</td>
            <td className={cell}>{m.status ?? "none"}</td>
          </tr>
        ))}
      </AdminTable>
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
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Workspace id</dt>
          <dd className="break-all">{workspace.id}</dd>
          <dt className="text-muted-foreground">Address</dt>
          <dd>{workspace.slug}</dd>
          <dt className="text-muted-foreground">Created</dt>
          <dd>
            <Time at={workspace.createdAt} />
          </dd>
          <dt className="text-muted-foreground">Plan</dt>
          <dd>
            {account ? `${account.planId} (${account.status}), ${account.seats} seats` : "free"}
            {account?.billingInterval ? `, ${account.billingInterval}` : ""}
            {account?.cancelAtPeriodEnd ? ", cancels at period end" : ""}
          </dd>
          <dt className="text-muted-foreground">Stripe customer</dt>
          <dd className="break-all">{account?.stripeCustomerId ?? "—"}</dd>
          <dt className="text-muted-foreground">Subscription</dt>
          <dd className="break-all">{account?.stripeSubscriptionId ?? "—"}</dd>
          <dt className="text-muted-foreground">Period ends</dt>
          <dd>
            <Time at={account?.currentPeriodEnd ?? null} />
          </dd>
          <dt className="text-muted-foreground">Trial ends</dt>
          <dd>
            <Time at={account?.trialEnd ?? null} />
          </dd>
        </dl>
      </section>
      <AdminTable
        caption="Members"
        headers={["Name", "Email", "Role"]}
        empty={view.people.length === 0 ? "No members." : null}
      >
        {view.people.map((p) => (
          <tr key={p.userId}>
            <td className={cell}>
              <Link href={`/admin/users/${p.userId}`} className={link}>
                {p.name}
              </Link>
            </td>
            <td className={`${cell} break-all`}>{p.email}</td>
            <td className={cell}>{p.role}</td>
          </tr>
        ))}
      </AdminTable>
      <AdminTable
        caption="Subscription history (newest first)"
        headers={["When", "Plan", "Status", "Seats", "MRR", "Movement", "Cause"]}
        empty={view.history.length === 0 ? "No subscription history." : null}
      >
        {view.history.map((h) => (
          <tr key={h.id}>
            <td className={cell}>
              <Time at={h.effectiveAt} />
            </td>
            <td className={cell}>{h.planId}</td>
            <td className={cell}>{h.status}</td>
            <td className={cell}>{h.seats}</td>
            <td className={cell}>{money(h.mrrCents)}</td>
            <td className={cell}>{h.movement}</td>
            <td className={`${cell} break-words`}>{h.reason}</td>
          </tr>
        ))}
      </AdminTable>
      <AdminTable
        caption="Stripe webhooks received (newest 20)"
        headers={["Event", "Type", "Status", "Created", "Error"]}
        empty={view.events.length === 0 ? "No Stripe events." : null}
      >
        {view.events.map((e) => (
          <tr key={e.id}>
            <td className={`${cell} break-all`}>{e.id}</td>
            <td className={cell}>{e.type}</td>
            <td className={cell}>{e.status}</td>
            <td className={cell}>
              <Time at={e.createdAt} />
            </td>
            <td className={`${cell} break-words`}>{e.lastError ?? "—"}</td>
          </tr>
        ))}
      </AdminTable>
      <AdminTable
        caption="Audit entries (newest 20)"
        headers={["When", "Action", "Actor"]}
        empty={view.audit.length === 0 ? "No audit entries." : null}
      >
        {view.audit.map((a) => (
          <tr key={a.id}>
            <td className={cell}>
              <Time at={a.createdAt} />
            </td>
            <td className={cell}>{a.action}</td>
            <td className={`${cell} break-all`}>
              {a.actorType}:{a.actorId ?? "unknown"}
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
