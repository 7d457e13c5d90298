import fs from "node:fs";
import path from "node:path";
import * as Sentry from "@sentry/nextjs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { FilesystemBackupStore } from "@/lib/backup/store";
import type { BackupManifest } from "@/lib/backup/manifest";
import { expiredBackups } from "@/lib/backup/retention";
import { pruneBackups } from "@/lib/backup/jobs";
import { enqueue } from "@/lib/jobs";
import "@/lib/jobs/handlers";
import { nextRun, SCHEDULES } from "@/lib/jobs/schedules";
import { drainJobs } from "@/lib/jobs/worker";
import { checkReadiness } from "@/lib/observability/check-readiness";
import { sentryOptions } from "@/lib/observability/sentry-options";
import { installClock } from "@/tests/support/clock";
import { createUser, emailsTo } from "@/tests/support/factories";
import { startSentryStandIn, type SentryStandIn } from "@/scripts/lib/sentry-stand-in";

// Backups through the job queue: the 6-hourly schedule, a failure that retries and alerts without
// touching older backups, the email to the platform admins when it gives up (once per streak), the readiness check's backup age, and retention pruning, all on the
// injected clock.

const dir = vi.hoisted(() => {
  const dir = `/tmp/pb-backup-schedule-${process.pid}-${Math.random().toString(36).slice(2)}`;
  // A key for this test file only (backups configured, so the job and readiness act).
  process.env.BACKUP_ENCRYPTION_KEY =
    "AGE-SECRET-KEY-1LKE5A9WD3PDYJQZJ86N9XSANH43SX5L4CKM44T3LGGM2S6EAZUQQLU96QX";
  process.env.BACKUP_DIR = dir;
  return dir;
});

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
let standIn: SentryStandIn;
const store = new FilesystemBackupStore(dir);

beforeAll(async () => {
  standIn = await startSentryStandIn();
  Sentry.init({
    ...sentryOptions({ dsn: standIn.dsn, environment: "test", tracesSampleRate: 0 }),
    defaultIntegrations: false,
  });
});

afterAll(async () => {
  await Sentry.close(2_000);
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function failureEvents() {
  return standIn.envelopes
    .flatMap((e) => e.items.filter((i) => i.header.type === "event"))
    .map(
      (i) => i.payload as { fingerprint?: string[]; exception?: { values?: { value?: string }[] } },
    )
    .filter((event) => event.fingerprint?.includes("backup-failed"));
}

describe("scheduled backups", () => {
  it("are scheduled every 6 hours, and pruned once a day", () => {
    const backup = SCHEDULES.find((s) => s.job === "backup.run")!;
    const first = nextRun(backup.cron, new Date());
    const second = nextRun(backup.cron, first);
    expect(second.getTime() - first.getTime()).toBe(6 * HOUR);
    const prune = SCHEDULES.find((s) => s.job === "backup.prune")!;
    const a = nextRun(prune.cron, new Date());
    expect(nextRun(prune.cron, a).getTime() - a.getTime()).toBe(DAY);
  });

  it("a failed backup is retried and reported to Sentry, and never removes the older good one", async () => {
    const clock = installClock();
    await enqueue("backup.run", {});
    expect(await drainJobs()).toMatchObject({ completed: 1 });
    const [good] = await store.list();
    expect(good).toBeDefined();

    clock.advance(6 * HOUR);
    const put = vi
      .spyOn(FilesystemBackupStore.prototype, "putFile")
      .mockRejectedValueOnce(new Error("ENOSPC: no space left on device"));
    await enqueue("backup.run", {});
    expect(await drainJobs()).toMatchObject({ retried: 1, completed: 0 });
    await Sentry.flush(2_000);
    expect(failureEvents().at(-1)?.exception?.values?.[0]?.value).toContain("ENOSPC");
    // The older backup is intact and still the latest; nothing half-written is left behind.
    expect((await store.list()).map((m) => m.id)).toEqual([good!.id]);
    expect(fs.readdirSync(dir).sort()).toEqual([`${good!.id}.age`, `${good!.id}.json`]);

    clock.advance(20 * 60_000);
    expect(await drainJobs()).toMatchObject({ completed: 1 });
    put.mockRestore();
    const after = await store.list();
    expect(after).toHaveLength(2);
    expect(after[1]!.id).toBe(good!.id);
  });

  it("readiness reports the last backup's age and turns degraded past 7 hours", async () => {
    // A day past the backups the test above made on its own (advanced) clock.
    const clock = installClock(new Date(Date.now() + DAY));
    await enqueue("backup.run", {});
    expect(await drainJobs()).toMatchObject({ completed: 1 });
    const latest = (await store.list())[0]!;

    clock.advance(6 * HOUR);
    const fresh = await checkReadiness();
    expect(fresh.checks.backup).toMatchObject({
      status: "ok",
      latestId: latest.id,
      ageMs: 6 * HOUR,
    });
    expect(fresh.status).not.toBe("down");

    clock.advance(HOUR + 60_000);
    const stale = await checkReadiness();
    expect(stale.checks.backup).toMatchObject({ status: "warn", ageMs: 7 * HOUR + 60_000 });
    expect(stale.status).toBe("degraded");
  });

  it("a backup that gives up emails the platform admins, once per failure streak", async () => {
    // Three days past the backups above, on its own clock.
    const clock = installClock(new Date(Date.now() + 3 * DAY));
    const admin = await createUser({ name: "Ops Admin" });
    await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    const bannedAdmin = await createUser({ name: "Former Admin" });
    await db.update(users).set({ role: "admin", banned: true }).where(eq(users.id, bannedAdmin.id));
    const member = await createUser({ name: "Ordinary User" });
    const lastGood = (await store.list())[0]!;

    const put = vi
      .spyOn(FilesystemBackupStore.prototype, "putFile")
      .mockRejectedValue(new Error("ECONNRESET: the backup volume went away"));
    try {
      // Three attempts fail and are retried: no email yet (a retry may still succeed).
      await enqueue("backup.run", {});
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await drainJobs()).toMatchObject({ retried: 1 });
        expect(await emailsTo(admin.email, "backup-failed")).toEqual([]);
        clock.advance(20 * 60_000);
      }
      // The fourth gives up: one email to each active platform admin, and to nobody else.
      expect(await drainJobs()).toMatchObject({ dead: 1 });
      const [alert, ...more] = await emailsTo(admin.email, "backup-failed");
      expect(more).toEqual([]);
      expect(alert?.status).toBe("sent");
      expect(alert?.subject).toBe("Database backup failed 4 times and gave up");
      expect(alert?.text).toContain("ECONNRESET: the backup volume went away");
      expect(alert?.text).toContain(`The newest good backup is ${lastGood.id}`);
      expect(alert?.text).toContain("/admin/health");
      expect(await emailsTo(member.email, "backup-failed")).toEqual([]);
      expect(await emailsTo(bannedAdmin.email, "backup-failed")).toEqual([]);

      // The next scheduled run fails the same way: same streak, no second email.
      clock.advance(6 * HOUR);
      await enqueue("backup.run", {});
      for (let attempt = 1; attempt <= 4; attempt++) {
        await drainJobs();
        clock.advance(20 * 60_000);
      }
      expect(await emailsTo(admin.email, "backup-failed")).toHaveLength(1);

      // A backup succeeds, ending the streak; the next one to give up emails again.
      put.mockRestore();
      clock.advance(6 * HOUR);
      await enqueue("backup.run", {});
      expect(await drainJobs()).toMatchObject({ completed: 1 });
      const recovered = (await store.list())[0]!;
      expect(recovered.id).not.toBe(lastGood.id);
      vi.spyOn(FilesystemBackupStore.prototype, "putFile").mockRejectedValue(
        new Error("EACCES: permission denied"),
      );
      clock.advance(6 * HOUR);
      await enqueue("backup.run", {});
      for (let attempt = 1; attempt <= 4; attempt++) {
        await drainJobs();
        clock.advance(20 * 60_000);
      }
      const alerts = await emailsTo(admin.email, "backup-failed");
      expect(alerts).toHaveLength(2);
      expect(alerts[1]?.text).toContain("EACCES: permission denied");
      expect(alerts[1]?.text).toContain(`The newest good backup is ${recovered.id}`);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("retention", () => {
  function at(template: BackupManifest, createdAt: Date, tail: string): BackupManifest {
    const id = `bk_${createdAt
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}Z$/, "Z")}_${tail}`;
    return { ...template, id, createdAt: createdAt.toISOString() };
  }

  it("keeps everything from 48 hours, the newest of each day for 30 days and of each month for 12 months", async () => {
    const clock = installClock();
    const now = clock.now();
    const template = (await store.list())[0]!;
    // A backup every 6 hours for 400 days.
    const all: BackupManifest[] = [];
    for (let i = 0; i < 400 * 4; i++) {
      all.push(
        at(
          template,
          new Date(now.getTime() - i * 6 * HOUR - 60_000),
          i.toString(16).padStart(6, "0"),
        ),
      );
    }
    const expired = new Set(expiredBackups(all, now).map((m) => m.id));
    const kept = all.filter((m) => !expired.has(m.id));
    const age = (m: BackupManifest) => now.getTime() - Date.parse(m.createdAt);

    // Every backup of the last 48 hours.
    expect(all.filter((m) => age(m) <= 2 * DAY).every((m) => !expired.has(m.id))).toBe(true);
    // Between 48 hours and 30 days: exactly one per UTC day, the day's newest.
    const byDay = new Map<string, BackupManifest[]>();
    for (const m of all) {
      const day = m.createdAt.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), m]);
    }
    const days = new Set(
      all
        .filter((m) => age(m) > 2 * DAY && age(m) <= 30 * DAY)
        .map((m) => m.createdAt.slice(0, 10)),
    );
    expect(days.size).toBeGreaterThanOrEqual(28);
    for (const day of days) {
      const backups = byDay.get(day)!; // newest first
      if (backups.some((m) => age(m) <= 2 * DAY)) continue;
      expect(backups.filter((m) => !expired.has(m.id)).map((m) => m.id)).toEqual([backups[0]!.id]);
    }
    // Older than 30 days: at most one per month, none past 12 months.
    const old = kept.filter((m) => age(m) > 30 * DAY);
    const months = old.map((m) => m.createdAt.slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
    expect(old.length).toBeGreaterThanOrEqual(11);
    expect(kept.every((m) => age(m) <= 365 * DAY)).toBe(true);
    expect(kept.length).toBeLessThan(8 + 30 + 13 + 2);

    // However old, the newest backup is never pruned.
    const lonely = at(template, new Date(now.getTime() - 800 * DAY), "aaaaaa");
    expect(expiredBackups([lonely], now)).toEqual([]);
  });

  it("the prune job deletes what retention no longer keeps from the store", async () => {
    const clock = installClock();
    const now = clock.now();
    const template = (await store.list())[0]!;
    const fiveDaysAgo = new Date(Math.floor((now.getTime() - 5 * DAY) / DAY) * DAY);
    const sameDayLate = at(template, new Date(fiveDaysAgo.getTime() + 10 * HOUR), "000001");
    const sameDayEarly = at(template, new Date(fiveDaysAgo.getTime() + 4 * HOUR), "000002");
    const ancient = at(template, new Date(now.getTime() - 400 * DAY), "000003");
    for (const manifest of [sameDayLate, sameDayEarly, ancient]) {
      fs.copyFileSync(path.join(dir, `${template.id}.age`), path.join(dir, `${manifest.id}.age`));
      await store.putManifest(manifest);
    }
    const removed = await pruneBackups(now);
    expect(removed.sort()).toEqual([sameDayEarly.id, ancient.id].sort());
    const left = (await store.list()).map((m) => m.id);
    expect(left).toContain(sameDayLate.id);
    expect(left).toContain(template.id);
    expect(fs.existsSync(path.join(dir, `${ancient.id}.age`))).toBe(false);
  });
});
