import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BanList } from "@/components/app/moderation/ban-list";
import { ModerationLog } from "@/components/app/moderation/moderation-log";
import { ModerationSettingsForm } from "@/components/app/moderation/moderation-settings-form";
import { QueueItem } from "@/components/app/moderation/queue-item";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import {
  getWorkspaceModerationSettings,
  listModerationLog,
  listModerationQueue,
} from "@/lib/moderation/moderation-queue";
import { listBans } from "@/lib/moderation/bans";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Moderation" };

export default async function ModerationPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}/moderation`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  if (!hasPermission(workspace.role, "problem:moderate")) notFound();
  const [queue, log, settings, bans] = await Promise.all([
    listModerationQueue(principal, workspace.workspaceId),
    listModerationLog(principal, workspace.workspaceId),
    getWorkspaceModerationSettings(principal, workspace.workspaceId),
    listBans(principal, workspace.workspaceId),
  ]);

  return (
    <div className="grid gap-10">
      <h1 className="text-2xl font-semibold tracking-tight">Moderation</h1>

      <section aria-labelledby="queue-heading" className="grid gap-4">
        <div className="grid gap-1">
          <h2 id="queue-heading" className="text-lg font-semibold">
            Waiting for review
          </h2>
          <p className="text-sm text-muted-foreground">
            {queue.length === 0
              ? "Nothing is waiting. Held and reported posts show up here, oldest first."
              : `${queue.length} ${queue.length === 1 ? "post" : "posts"}, oldest first. Held posts stay hidden from the public until you approve them.`}
          </p>
        </div>
        {queue.map((item) => (
          <QueueItem
            key={`${item.targetType}-${item.id}`}
            item={item}
            workspaceId={workspace.workspaceId}
            workspaceSlug={slug}
          />
        ))}
      </section>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Recent decisions</h2>
          </CardTitle>
          <CardDescription>
            The latest 50 decisions by your team and automatic rules.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ModerationLog entries={log} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Banned authors</h2>
          </CardTitle>
          <CardDescription>
            Banned authors can read your boards but can&apos;t post, vote, comment or report.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <BanList workspaceId={workspace.workspaceId} bans={bans} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Settings</h2>
          </CardTitle>
          <CardDescription>
            These rules apply to every board in this workspace. Posts by your team always publish.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ModerationSettingsForm
            workspaceId={workspace.workspaceId}
            settings={{
              blockedWords: settings.blockedWords,
              maxLinks: settings.maxLinks,
              flagThreshold: settings.flagThreshold,
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
