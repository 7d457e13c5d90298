import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface BackupFailedProps {
  /** Formatted time of the attempt that gave up, e.g. "March 10, 2026 at 14:23 UTC". */
  failedAt: string;
  /** How many attempts were made, e.g. "4". */
  attempts: string;
  /** The last error, one line (no stack trace). */
  error: string;
  /** The newest good backup, e.g. "bk_20260310T082300Z_7d06a2 (March 10, 2026 at 08:23 UTC)", or "none". */
  lastBackup: string;
  /** The admin console's health page (backup age, dead jobs). */
  healthUrl: string;
}

export function subject({ attempts }: BackupFailedProps): string {
  return `Database backup failed ${attempts} times and gave up`;
}

/**
 * To the platform admins when the scheduled database backup gives up after its retries. One per
 * failure streak: the next failures stay quiet until a backup succeeds again.
 */
export default function BackupFailed({
  failedAt,
  attempts,
  error,
  lastBackup,
  healthUrl,
}: BackupFailedProps) {
  return (
    <EmailLayout preview="The scheduled database backup failed and gave up">
      <EmailHeading>The scheduled backup failed</EmailHeading>
      <Paragraph>
        The database backup failed {attempts} times and gave up at {failedAt}. The last error was:{" "}
        {error}
      </Paragraph>
      <Paragraph>
        The newest good backup is {lastBackup}. Older backups are untouched: a failed backup never
        deletes anything.
      </Paragraph>
      <Paragraph>
        Backups run again every 6 hours. Fix the cause (see the backups runbook), then run
        &ldquo;npm run backup&rdquo; or retry the dead job from the health page.
      </Paragraph>
      <EmailButton href={healthUrl}>Open system health</EmailButton>
      <FallbackLink href={healthUrl} />
      <Paragraph muted>
        You receive this because you are a Problemboard platform admin. We send one email per
        failure streak, not one per attempt.
      </Paragraph>
    </EmailLayout>
  );
}

BackupFailed.PreviewProps = {
  failedAt: "March 10, 2026 at 14:58 UTC",
  attempts: "4",
  error:
    "Supabase Storage (bucket backups) could not store bk_20260310T142300Z_7d06a2.age: fetch failed",
  lastBackup: "bk_20260310T082300Z_9f31c0 (March 10, 2026 at 08:23 UTC)",
  healthUrl: "https://problemboard.app/admin/health",
} satisfies BackupFailedProps;
