// GET /admin/health – database, Redis, job queue, dead jobs, Stripe webhooks, email delivery
import type { Metadata } from "next";
import { AdminActionForm } from "@/components/admin/admin-action-form";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import { getSystemHealth } from "@/lib/admin/system-health";
import type { BackupCheck, DependencyCheck } from "@/lib/observability/check-readiness";
import { requireAdmin } from "../admin-session";
import { discardJobAction, replayWebhookAction, retryJobAction } from "./actions";

export const metadata: Metadata = { title: "System health" };
export const dynamic = "force-dynamic";

const EMAIL_STATUSES = [
  "queued",
  "sent",
  "delivered",
  "delivery_delayed",
  "bounced",
  "complained",
  "failed",
  "suppressed",
] as const;

function checkText(check: DependencyCheck) {
  if (check.status === "not_configured") return "Not configured (single-instance mode)";
  if (check.status === "fail") return `Unreachable (${check.error ?? "unavailable"})`;
  return `Reachable, ${check.latencyMs ?? 0} ms`;
}

function backupText(check: BackupCheck) {
  if (check.status === "not_configured") return "No backups configured (BACKUP_ENCRYPTION_KEY)";
  if (check.status === "fail") return `Backup store unreachable (${check.error ?? "unavailable"})`;
  if (!check.latestAt) return "No backup yet";
  const hours = (check.ageMs ?? 0) / 3_600_000;
  const age = hours < 2 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`;
  return `Last backup ${age} ago (${check.latestId})${check.status === "warn" ? ": older than 7 hours" : ""}`;
}

const seconds = (ms: number) =>
  ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

export default async function AdminHealthPage() {
  const { admin } = await requireAdmin();
  const health = await getSystemHealth(admin);

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">System health</h1>
        <p className="text-sm text-muted-foreground">
          Checked <Time at={health.checkedAt} />. Reload for fresh numbers.
        </p>
      </div>

      <AdminTable caption="Services" headers={["Service", "State"]}>
        <tr>
          <th scope="row" className={`${cell} font-normal`}>
            Database
          </th>
          <td className={cell}>{checkText(health.database)}</td>
        </tr>
        <tr>
          <th scope="row" className={`${cell} font-normal`}>
            Redis
          </th>
          <td className={cell}>{checkText(health.redis)}</td>
        </tr>
        <tr>
          <th scope="row" className={`${cell} font-normal`}>
            Backups
          </th>
          <td className={cell}>{backupText(health.backup)}</td>
        </tr>
        <tr>
          <th scope="row" className={`${cell} font-normal`}>
            Version
          </th>
          <td className={cell}>
            {health.version.app}
            {health.version.release
              ? ` (release ${health.version.release})`
              : " (no release id set)"}
          </td>
        </tr>
      </AdminTable>

      <section aria-labelledby="queue" className="grid gap-3">
        <h2 id="queue" className="text-lg font-semibold">
          Job queue
        </h2>
        <p className="text-sm">
          {health.queue.due} due now, {health.queue.running} running, {health.queue.dead} dead.
          Oldest due job waiting:{" "}
          {health.queue.due > 0 ? seconds(health.queue.oldestDueAgeMs) : "none"}.
        </p>
        <AdminTable
          caption="Pending jobs by type"
          headers={["Job type", "Due now", "Waiting in all", "Oldest run time"]}
          empty={health.queue.byName.length === 0 ? "No pending jobs." : null}
        >
          {health.queue.byName.map((row) => (
            <tr key={row.name}>
              <td className={cell}>{row.name}</td>
              <td className={cell}>{row.due}</td>
              <td className={cell}>{row.waiting}</td>
              <td className={cell}>
                <Time at={row.oldest} />
              </td>
            </tr>
          ))}
        </AdminTable>
        <AdminTable
          caption={`Dead jobs (newest ${health.deadJobs.length})`}
          headers={["Job", "Attempts", "Gave up", "Payload and error", "Retry or discard"]}
          empty={health.deadJobs.length === 0 ? "No dead jobs." : null}
        >
          {health.deadJobs.map((job) => (
            <tr key={job.id}>
              <td className={`${cell} break-all`}>
                {job.name}
                <div className="text-xs text-muted-foreground">{job.id}</div>
              </td>
              <td className={cell}>{job.attempts}</td>
              <td className={cell}>
                <Time at={job.updatedAt} />
              </td>
              <td className={`${cell} max-w-80`}>
                <details>
                  <summary className="cursor-pointer">Inspect</summary>
                  <pre className="mt-2 overflow-x-auto text-xs whitespace-pre-wrap">
                    {JSON.stringify(job.payload, null, 2)}
                  </pre>
                  <p className="mt-2 text-xs break-words text-destructive">
                    {job.lastError ?? "No error recorded."}
                  </p>
                </details>
              </td>
              <td className={`${cell} grid min-w-56 gap-4`}>
                <AdminActionForm
                  id={`retry-${job.id}`}
                  action={retryJobAction}
                  hidden={{ jobId: job.id }}
                  submitLabel="Retry"
                />
                <AdminActionForm
                  id={`discard-${job.id}`}
                  action={discardJobAction}
                  hidden={{ jobId: job.id }}
                  submitLabel="Discard"
                  destructive
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      </section>

      <section aria-labelledby="stripe" className="grid gap-3">
        <h2 id="stripe" className="text-lg font-semibold">
          Stripe webhooks
        </h2>
        <p className="text-sm">
          {health.stuckWebhooks} {health.stuckWebhooks === 1 ? "event has" : "events have"} been
          pending for more than 10 minutes.
        </p>
        <AdminTable
          caption="Failed events (newest 20)"
          headers={["Event", "Customer", "Received", "Attempts", "Error", "Replay"]}
          empty={health.webhookFailures.length === 0 ? "No failed events." : null}
        >
          {health.webhookFailures.map((event) => (
            <tr key={event.id}>
              <td className={`${cell} break-all`}>
                {event.type}
                <div className="text-xs text-muted-foreground">{event.id}</div>
              </td>
              <td className={`${cell} break-all`}>{event.customerId ?? "—"}</td>
              <td className={cell}>
                <Time at={event.receivedAt} />
              </td>
              <td className={cell}>{event.attempts}</td>
              <td className={`${cell} max-w-72 break-words`}>{event.lastError ?? "—"}</td>
              <td className={`${cell} min-w-56`}>
                <AdminActionForm
                  id={`replay-${event.id}`}
                  action={replayWebhookAction}
                  hidden={{ eventId: event.id }}
                  submitLabel="Replay"
                />
              </td>
            </tr>
          ))}
        </AdminTable>
        <AdminTable
          caption="Billing customer conflicts (see docs/runbooks/billing.md)"
          headers={[
            "Stripe customer",
            "Workspace",
            "Linked customer",
            "First seen",
            "Last seen",
            "Times",
          ]}
          empty={health.conflicts.length === 0 ? "No customer conflicts." : null}
        >
          {health.conflicts.map((conflict) => (
            <tr key={conflict.stripeCustomerId}>
              <td className={`${cell} break-all`}>{conflict.stripeCustomerId}</td>
              <td className={`${cell} break-all`}>{conflict.workspaceId}</td>
              <td className={`${cell} break-all`}>{conflict.linkedCustomerId}</td>
              <td className={cell}>
                <Time at={conflict.firstSeenAt} />
              </td>
              <td className={cell}>
                <Time at={conflict.lastSeenAt} />
              </td>
              <td className={cell}>{conflict.seenCount}</td>
            </tr>
          ))}
        </AdminTable>
      </section>

      <AdminTable
        caption="Email delivery (by status of emails created in the period)"
        headers={["Status", "Last 24 hours", "Last 7 days"]}
      >
        {EMAIL_STATUSES.map((status) => (
          <tr key={status}>
            <th scope="row" className={`${cell} font-normal`}>
              {status.replace("_", " ")}
            </th>
            <td className={cell}>{health.email.day[status] ?? 0}</td>
            <td className={cell}>{health.email.week[status] ?? 0}</td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
