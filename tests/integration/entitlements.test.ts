import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createBoard } from "@/lib/boards/create-board";
import { getLimits, LimitReachedError, usageSummary } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { emailOutbox, problems, usageAlerts, usageCounters } from "@/lib/db/schema";
import { createProblem } from "@/lib/problems/create-problem";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { drainJobs } from "@/lib/jobs/worker";
import { usagePeriod } from "@/lib/billing/entitlements";
import { isLive } from "@/lib/content/features";
import { getCapacity } from "@/lib/billing/get-capacity";
import { createBoardRow, createTeam, createUser, setPlan } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

async function setUsed(workspaceId: string, metric: string, used: number) {
  await db
    .insert(usageCounters)
    .values({ workspaceId, metric, periodStart: usagePeriod().start, used })
    .onConflictDoUpdate({
      target: [usageCounters.workspaceId, usageCounters.metric, usageCounters.periodStart],
      set: { used },
    });
}

describe("plan limits", () => {
  it("lets exactly one of 50 concurrent posts through at the monthly limit − 1", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    const board = await createBoardRow(team.workspace.id);
    await setUsed(team.workspace.id, "problems", 99);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        createProblem(as(team.member), board.id, { title: `Problem number ${i}`, body: "x" }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      const reason = (r as PromiseRejectedResult).reason as LimitReachedError;
      expect(reason).toBeInstanceOf(LimitReachedError);
      expect(reason).toMatchObject({ code: "limit_reached", status: 402, metric: "problems" });
      expect(reason.message).toBe(
        "The Free plan includes 100 new problems this month, and all are used. Upgrade for more.",
      );
    }
    const posted = await db.select().from(problems).where(eq(problems.boardId, board.id));
    expect(posted).toHaveLength(1);
    const [counter] = await db
      .select()
      .from(usageCounters)
      .where(
        and(eq(usageCounters.workspaceId, team.workspace.id), eq(usageCounters.metric, "problems")),
      );
    expect(counter?.used).toBe(100);
  });

  it("lets exactly one of 10 concurrent board creations take the Free plan's one board", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        createBoard(as(team.admin), team.workspace.id, { name: `Board ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const reasons = results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => (r.reason as Error).message);
    expect(new Set(reasons)).toEqual(
      new Set(["The Free plan includes 1 board, and all are used. Upgrade for more."]),
    );
  });

  it("raises limits at once on upgrade and keeps over-limit content readable after a downgrade", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    await createBoard(as(team.admin), team.workspace.id, { name: "First" });
    await expect(
      createBoard(as(team.admin), team.workspace.id, { name: "Second" }),
    ).rejects.toBeInstanceOf(LimitReachedError);

    await setPlan(team.workspace.id, "pro");
    const second = await createBoard(as(team.admin), team.workspace.id, { name: "Second" });
    expect(second.name).toBe("Second");

    await setPlan(team.workspace.id, "pro", { status: "canceled" });
    expect((await getLimits(team.workspace.id)).state.effectivePlanId).toBe("free");
    await expect(
      createBoard(as(team.admin), team.workspace.id, { name: "Third" }),
    ).rejects.toBeInstanceOf(LimitReachedError);
    // Nothing is deleted: both boards still count and show.
    const boards = (await usageSummary(team.workspace.id)).find((m) => m.metric === "boards");
    expect(boards).toMatchObject({ used: 2, limit: 1 });
  });

  it("counts members and pending invitations against seats", async () => {
    const team = await createTeam();
    // Pro has 5 seats; the team already has 4 members.
    await setPlan(team.workspace.id, "pro");
    await inviteMember(as(team.owner), team.workspace.id, {
      email: (await createUser()).email,
      role: "member",
    });
    await expect(
      inviteMember(as(team.owner), team.workspace.id, {
        email: (await createUser()).email,
        role: "member",
      }),
    ).rejects.toMatchObject({ code: "limit_reached", metric: "seats" });
    // Team seats follow the paid quantity.
    await setPlan(team.workspace.id, "team", { seats: 6 });
    await inviteMember(as(team.owner), team.workspace.id, {
      email: (await createUser()).email,
      role: "member",
    });
    expect((await getLimits(team.workspace.id)).limits.seats).toBe(6);
  });

  it("keeps paid limits through the past-due grace period and drops to Free after it", async () => {
    const team = await createTeam();
    const day = 24 * 60 * 60_000;
    await setPlan(team.workspace.id, "pro", {
      status: "past_due",
      pastDueSince: new Date(Date.now() - 6 * day),
    });
    expect((await getLimits(team.workspace.id)).state.effectivePlanId).toBe("pro");
    await setPlan(team.workspace.id, "pro", {
      status: "past_due",
      pastDueSince: new Date(Date.now() - 8 * day),
    });
    expect((await getLimits(team.workspace.id)).state.effectivePlanId).toBe("free");
  });

  it("warns the owners at 80 % and at 100 %, once per period", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    const board = await createBoardRow(team.workspace.id);
    await setUsed(team.workspace.id, "problems", 78);
    for (let i = 0; i < 3; i++) {
      await createProblem(as(team.member), board.id, { title: `Warm-up ${i}`, body: "x" });
    }
    await setUsed(team.workspace.id, "problems", 99);
    await createProblem(as(team.member), board.id, { title: "The last one", body: "x" });
    await expect(
      createProblem(as(team.member), board.id, { title: "One too many", body: "x" }),
    ).rejects.toBeInstanceOf(LimitReachedError);
    await drainJobs();

    const mails = await db
      .select({ template: emailOutbox.template, text: emailOutbox.text })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, team.owner.email.toLowerCase()));
    expect(mails.map((m) => m.template).sort()).toEqual(["usage-limit-reached", "usage-warning"]);
    expect(mails.find((m) => m.template === "usage-warning")?.text).toContain("80");
    const alerts = await db
      .select()
      .from(usageAlerts)
      .where(eq(usageAlerts.workspaceId, team.workspace.id));
    expect(alerts.map((a) => a.threshold).sort((a, b) => a - b)).toEqual([80, 100]);
    // Members who are not owners get none.
    const memberMail = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.to, team.member.email.toLowerCase()));
    expect(memberMail.filter((m) => m.template.startsWith("usage"))).toEqual([]);
  });

  it("shows meters with used, limit and the reset date", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "pro");
    await setUsed(team.workspace.id, "problems", 12);
    const meters = await usageSummary(team.workspace.id);
    expect(meters.find((m) => m.metric === "problems")).toMatchObject({
      used: 12,
      limit: 2000,
      resetsOn: usagePeriod().resetsOn.toISOString(),
    });
    expect(meters.find((m) => m.metric === "seats")).toMatchObject({ used: 4, limit: 5 });
    // No meter for API requests while the REST API is not live (lib/content/features.ts).
    expect(meters.map((m) => m.metric)).toEqual(
      isLive("restApi")
        ? ["boards", "problems", "seats", "apiRequests", "storage"]
        : ["boards", "problems", "seats", "storage"],
    );
    // Attachment storage in bytes against the plan's quota (Pro: 5 GB), never reset.
    expect(meters.find((m) => m.metric === "storage")).toEqual({
      metric: "storage",
      label: "Attachment storage",
      used: 0,
      limit: 5 * 1024 ** 3,
      resetsOn: null,
      unit: "bytes",
    });
  });

  it("shows boards and seats against the plan before a form is filled, and who may upgrade", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    expect(await getCapacity(as(team.viewer), team.workspace.id, "boards")).toEqual({
      used: 0,
      limit: 1,
      planName: "Free",
      canUpgrade: false,
    });
    await createBoardRow(team.workspace.id);
    expect(await getCapacity(as(team.admin), team.workspace.id, "boards")).toMatchObject({
      used: 1,
      limit: 1,
      canUpgrade: true,
    });
    // Four members on a two-seat plan: over the limit, as after a downgrade.
    expect(await getCapacity(as(team.owner), team.workspace.id, "seats")).toMatchObject({
      used: 4,
      limit: 2,
    });
    await setPlan(team.workspace.id, "team", { seats: 10 });
    expect(await getCapacity(as(team.owner), team.workspace.id, "boards")).toMatchObject({
      limit: Infinity,
      planName: "Team",
    });
  });
});
