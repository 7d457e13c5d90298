// GET /admin/moderation – the cross-tenant queue: held and reported posts of every workspace,
// spam sweeps and banned authors; decisions go through lib/moderation (reason + audit)
import type { Metadata } from "next";
import Link from "next/link";
import { AdminActionForm } from "@/components/admin/admin-action-form";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import { ModerationDecisionForm } from "@/components/admin/moderation-decision-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { getModerationConsole, MODERATION_CONSOLE_LIMITS } from "@/lib/admin/moderation-console";
import { requireAdmin } from "../admin-session";
import { banAuthorAction, decideModerationAction, unbanAuthorAction } from "./actions";

export const metadata: Metadata = { title: "Moderation" };
export const dynamic = "force-dynamic";

const excerpt = (text: string, max = 280) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export default async function AdminModerationPage({
  searchParams,
}: {
  searchParams?: Promise<{ workspace?: string | string[] }>;
}) {
  const { admin } = await requireAdmin();
  const raw = (await searchParams)?.workspace;
  const workspace = typeof raw === "string" && raw.trim() ? raw.trim() : null;
  const { held, reported, sweeps, bans } = await getModerationConsole(admin, {
    workspaceId: workspace,
  });

  return (
    <div className="grid gap-8">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Moderation</h1>
        <p className="text-sm text-muted-foreground">
          Every workspace’s queue in one place. Decisions work exactly as in a workspace’s own
          moderation tab (its log and audit trail show them, with you as the moderator and your
          reason as the note); see docs/runbooks/moderation.md.
        </p>
      </div>

      <form
        method="get"
        className="flex flex-wrap items-end gap-2"
        role="search"
        aria-label="Filter the queue"
      >
        <div className="grid gap-1.5">
          <Label htmlFor="workspace-filter">Only this workspace (id)</Label>
          <Input
            id="workspace-filter"
            name="workspace"
            defaultValue={workspace ?? ""}
            placeholder="ws_…"
            className="w-64 max-w-full"
          />
        </div>
        <Button type="submit" variant="outline" size="sm">
          Filter
        </Button>
        {workspace ? (
          <Link href="/admin/moderation" className="text-sm underline underline-offset-4">
            All workspaces
          </Link>
        ) : null}
      </form>

      <section aria-labelledby="held" className="grid gap-3">
        <h2 id="held" className="text-lg font-semibold">
          Held for review ({held.length}
          {held.length === MODERATION_CONSOLE_LIMITS.held ? "+" : ""}, oldest first)
        </h2>
        {held.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing is waiting for review.</p>
        ) : (
          <ul className="grid gap-4">
            {held.map((item) => (
              <li key={`${item.targetType}-${item.id}`}>
                <article
                  aria-labelledby={`held-${item.id}`}
                  className="grid gap-3 rounded-lg border p-4 md:grid-cols-[1fr_20rem]"
                >
                  <div className="grid content-start gap-2 text-sm">
                    <h3 id={`held-${item.id}`} className="font-medium break-words">
                      {item.targetType === "problem" ? "Problem" : "Comment on"}: {item.title}
                    </h3>
                    <p className="break-words whitespace-pre-line">{excerpt(item.body)}</p>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
                      <dt>Workspace</dt>
                      <dd className="break-words">
                        {item.workspaceName} ({item.workspaceId}), board {item.boardName}
                      </dd>
                      <dt>Held because</dt>
                      <dd>{item.reason ?? "—"}</dd>
                      <dt>Reports</dt>
                      <dd>{item.flagCount}</dd>
                      <dt>Author</dt>
                      <dd className="break-all">
                        {item.authorId ? (
                          <Link
                            href={`/admin/users/${item.authorId}`}
                            className="underline underline-offset-4"
                          >
                            {item.authorName} ({item.authorEmail})
                          </Link>
                        ) : (
                          "Deleted account"
                        )}
                      </dd>
                      <dt>Posted</dt>
                      <dd>
                        <Time at={item.createdAt} />
                      </dd>
                    </dl>
                  </div>
                  <div className="grid content-start gap-4">
                    <ModerationDecisionForm
                      id={`decide-${item.id}`}
                      action={decideModerationAction}
                      hidden={{
                        workspaceId: item.workspaceId,
                        targetType: item.targetType,
                        targetId: item.id,
                      }}
                    />
                    {item.authorId ? (
                      <details className="text-sm">
                        <summary className="cursor-pointer">
                          Ban the author from this workspace
                        </summary>
                        <div className="pt-2">
                          <AdminActionForm
                            id={`ban-${item.id}`}
                            action={banAuthorAction}
                            hidden={{ workspaceId: item.workspaceId, userId: item.authorId }}
                            submitLabel="Ban author"
                            destructive
                          />
                        </div>
                      </details>
                    ) : null}
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="reported" className="grid gap-3">
        <h2 id="reported" className="text-lg font-semibold">
          Reported, still visible
        </h2>
        <p className="text-sm text-muted-foreground">
          Published posts with open reports (newest report first), below their workspace’s hiding
          threshold.
        </p>
        <AdminTable
          caption="Reported posts"
          headers={["Post", "Workspace", "Reports", "Latest report", "Decide"]}
          empty={reported.length === 0 ? "No open reports." : null}
        >
          {reported.map((r) => (
            <tr key={`${r.targetType}-${r.targetId}`}>
              <td className={`${cell} max-w-72 break-words`}>
                {r.targetType === "problem" ? "Problem" : "Comment"}: {excerpt(r.text, 160)}
              </td>
              <td className={`${cell} break-words`}>{r.workspaceName}</td>
              <td className={cell}>{r.reports}</td>
              <td className={`${cell} max-w-56 break-words`}>
                {r.reason} (by {r.reporterName}, <Time at={r.createdAt} />)
              </td>
              <td className={`${cell} min-w-64`}>
                <ModerationDecisionForm
                  id={`report-${r.targetId}`}
                  action={decideModerationAction}
                  hidden={{
                    workspaceId: r.workspaceId,
                    targetType: r.targetType,
                    targetId: r.targetId,
                  }}
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      </section>

      <AdminTable
        caption={`Spam sweeps (newest ${MODERATION_CONSOLE_LIMITS.sweeps})`}
        headers={["When", "Workspace", "Post", "By", "Note"]}
        empty={sweeps.length === 0 ? "No spam decisions yet." : null}
      >
        {sweeps.map((s) => (
          <tr key={s.id}>
            <td className={cell}>
              <Time at={s.createdAt} />
            </td>
            <td className={`${cell} break-words`}>{s.workspaceName}</td>
            <td className={`${cell} break-all`}>
              {s.targetType} {s.targetId}
            </td>
            <td className={cell}>{s.actorName ?? "Automatic"}</td>
            <td className={`${cell} break-words`}>{s.note ?? "—"}</td>
          </tr>
        ))}
      </AdminTable>

      <AdminTable
        caption={`Banned authors (newest ${MODERATION_CONSOLE_LIMITS.bans})`}
        headers={["Author", "Workspace", "Banned", "By", "Reason", "Lift"]}
        empty={bans.length === 0 ? "No authors are banned." : null}
      >
        {bans.map((b) => (
          <tr key={`${b.workspaceId}-${b.userId}`}>
            <td className={`${cell} break-all`}>
              <Link href={`/admin/users/${b.userId}`} className="underline underline-offset-4">
                {b.userName}
              </Link>{" "}
              ({b.userEmail})
            </td>
            <td className={`${cell} break-words`}>{b.workspaceName}</td>
            <td className={cell}>
              <Time at={b.createdAt} />
            </td>
            <td className={cell}>{b.bannedByName ?? "—"}</td>
            <td className={`${cell} break-words`}>{b.reason ?? "—"}</td>
            <td className={`${cell} min-w-56`}>
              <AdminActionForm
                id={`unban-${b.workspaceId}-${b.userId}`}
                action={unbanAuthorAction}
                hidden={{ workspaceId: b.workspaceId, userId: b.userId }}
                submitLabel="Unban"
              />
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
