import Link from "next/link";
import { AdminTable, cell, Time } from "./admin-table";

/**
 * The tables the console shows about a customer, shared by the user page, customer lookup and
 * the workspace page. They take plain rows (the loaders in lib/admin shape them).
 */

export const money = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const adminLink = "font-medium underline underline-offset-4";

export function MembershipsTable({
  caption = "Workspaces and roles",
  rows,
}: {
  caption?: string;
  rows: {
    workspaceId: string;
    name: string;
    slug: string;
    personal: boolean;
    role: string;
    joinedAt: Date;
    planId: string | null;
    status: string | null;
  }[];
}) {
  return (
    <AdminTable
      caption={caption}
      headers={["Workspace", "Address", "Role", "Plan", "Status", "Joined"]}
      empty={rows.length === 0 ? "Not a member of any workspace." : null}
    >
      {rows.map((m) => (
        <tr key={m.workspaceId}>
          <td className={cell}>
            <Link href={`/admin/workspaces/${m.workspaceId}`} className={adminLink}>
              {m.name}
            </Link>
            {m.personal ? " (personal)" : ""}
          </td>
          <td className={cell}>{m.slug}</td>
          <td className={cell}>{m.role}</td>
          <td className={cell}>{m.planId ?? "free"}</td>
          <td className={cell}>{m.status ?? "none"}</td>
          <td className={cell}>
            <Time at={m.joinedAt} />
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function MembersTable({
  rows,
}: {
  rows: { userId: string; name: string; email: string; role: string }[];
}) {
  return (
    <AdminTable
      caption="Members"
      headers={["Name", "Email", "Role"]}
      empty={rows.length === 0 ? "No members." : null}
    >
      {rows.map((p) => (
        <tr key={p.userId}>
          <td className={cell}>
            <Link href={`/admin/users/${p.userId}`} className={adminLink}>
              {p.name}
            </Link>
          </td>
          <td className={`${cell} break-all`}>{p.email}</td>
          <td className={cell}>{p.role}</td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function SubscriptionHistoryTable({
  rows,
}: {
  rows: {
    id: string;
    effectiveAt: Date;
    planId: string;
    status: string;
    seats: number;
    mrrCents: number;
    movement: string;
    reason: string;
  }[];
}) {
  return (
    <AdminTable
      caption="Subscription history (newest first)"
      headers={["When", "Plan", "Status", "Seats", "MRR", "Movement", "Cause"]}
      empty={rows.length === 0 ? "No subscription history." : null}
    >
      {rows.map((h) => (
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
  );
}

export function StripeEventsTable({
  rows,
}: {
  rows: { id: string; type: string; status: string; createdAt: Date; lastError: string | null }[];
}) {
  return (
    <AdminTable
      caption="Stripe webhooks received (newest 20)"
      headers={["Event", "Type", "Status", "Created", "Error"]}
      empty={rows.length === 0 ? "No Stripe events." : null}
    >
      {rows.map((e) => (
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
  );
}

export function AuditEntriesTable({
  caption,
  rows,
}: {
  caption: string;
  rows: {
    id: string;
    action: string;
    actorType: string;
    actorId: string | null;
    targetType?: string | null;
    targetId?: string | null;
    metadata?: Record<string, unknown>;
    createdAt: Date;
  }[];
}) {
  return (
    <AdminTable
      caption={caption}
      headers={["When", "Action", "Actor", "Target", "Reason"]}
      empty={rows.length === 0 ? "No audit entries." : null}
    >
      {rows.map((a) => (
        <tr key={a.id}>
          <td className={cell}>
            <Time at={a.createdAt} />
          </td>
          <td className={cell}>{a.action}</td>
          <td className={`${cell} break-all`}>
            {a.actorType}:{a.actorId ?? "unknown"}
          </td>
          <td className={`${cell} break-all`}>
            {a.targetType ? `${a.targetType}:${a.targetId}` : "—"}
          </td>
          <td className={`${cell} break-words`}>
            {typeof a.metadata?.reason === "string" ? a.metadata.reason : "—"}
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}

/** A Stripe id, linked to its page in the Stripe Dashboard when there is one. */
export function StripeIdLink({ id, href }: { id: string | null; href: string | null }) {
  if (!id) return <span className="text-muted-foreground">—</span>;
  if (!href) return <span className="break-all">{id}</span>;
  return (
    <a href={href} target="_blank" rel="noreferrer" className={`${adminLink} break-all`}>
      {id}
      <span className="sr-only"> (opens the Stripe Dashboard in a new tab)</span>
    </a>
  );
}

/** The billing facts of a workspace: plan, status, seats, MRR, Stripe ids, period and trial. */
export function WorkspaceAccountDetails({
  workspace,
  account,
  status,
  dashboard,
}: {
  workspace: { id: string; slug: string; createdAt: Date };
  account: {
    planId: string;
    seats: number;
    mrrCents: number;
    billingInterval: string | null;
    cancelAtPeriodEnd: boolean;
    stripeCustomerId: string | null;
    stripeSubscriptionId: string | null;
    currentPeriodEnd: Date | null;
    trialEnd: Date | null;
    pastDueSince: Date | null;
  } | null;
  /** The status as the console names it (grace, past_due, …). */
  status: string;
  dashboard: { customer: string | null; subscription: string | null };
}) {
  return (
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
        {account ? `${account.planId} (${status}), ${account.seats} seats` : "free"}
        {account?.billingInterval ? `, ${account.billingInterval}` : ""}
        {account?.cancelAtPeriodEnd ? ", cancels at period end" : ""}
      </dd>
      <dt className="text-muted-foreground">MRR</dt>
      <dd>{money(account?.mrrCents ?? 0)}</dd>
      <dt className="text-muted-foreground">Stripe customer</dt>
      <dd>
        <StripeIdLink id={account?.stripeCustomerId ?? null} href={dashboard.customer} />
      </dd>
      <dt className="text-muted-foreground">Subscription</dt>
      <dd>
        <StripeIdLink id={account?.stripeSubscriptionId ?? null} href={dashboard.subscription} />
      </dd>
      <dt className="text-muted-foreground">Period ends</dt>
      <dd>
        <Time at={account?.currentPeriodEnd ?? null} />
      </dd>
      <dt className="text-muted-foreground">Trial ends</dt>
      <dd>
        <Time at={account?.trialEnd ?? null} />
      </dd>
      {account?.pastDueSince ? (
        <>
          <dt className="text-muted-foreground">Past due since</dt>
          <dd>
            <Time at={account.pastDueSince} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
