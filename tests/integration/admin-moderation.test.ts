// The console's cross-tenant moderation queue (/admin/moderation): held and reported posts of
// every workspace on one page, and decisions, bans and unbans made there through the same
// lib/moderation functions a workspace's moderators use, with a required reason that lands in
// the moderation log and the workspace's audit trail (the admin as actor).
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { initialFormState, type FormState } from "@/lib/auth/form-state";
import { db } from "@/lib/db";
import { auditLog, moderationActions, problems, workspaceBans } from "@/lib/db/schema";
import { flagContent } from "@/lib/moderation/flag-content";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { actAs, cookieOf, createPlatformAdmin, formData, html } from "../support/admin-request";
import { createBoardRow, createProblemRow, createTeam, createUser } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const { decideModerationAction, banAuthorAction, unbanAuthorAction } =
  await import("@/app/admin/moderation/actions");
const { default: ModerationPage } = await import("@/app/admin/moderation/page");

let operator: Awaited<ReturnType<typeof createPlatformAdmin>>;
let operatorCookie: string;

beforeAll(async () => {
  operator = await createPlatformAdmin();
  operatorCookie = await cookieOf(operator.email);
});

async function act(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  fields: Record<string, string>,
) {
  actAs(operatorCookie);
  return action(initialFormState, formData(fields));
}

const stateOf = async (id: string) =>
  (await db.select().from(problems).where(eq(problems.id, id)))[0]!.moderationState;

async function twoWorkspaces() {
  const a = await createTeam();
  const b = await createTeam();
  const boardA = await createBoardRow(a.workspace.id, { name: `Roadmap ${a.workspace.id}` });
  const boardB = await createBoardRow(b.workspace.id, { name: `Ideas ${b.workspace.id}` });
  const spammer = await createUser({ name: "Sam Spammer" });
  const held = { moderationState: "pending" as const, moderationReason: "First post" };
  const inA = await createProblemRow(boardA, spammer.id, { ...held, title: `Buy pills A` });
  const inB = await createProblemRow(boardB, spammer.id, { ...held, title: `Buy pills B` });
  const inB2 = await createProblemRow(boardB, spammer.id, { ...held, title: `Buy pills B2` });
  return { a, b, boardA, boardB, spammer, inA, inB, inB2 };
}

describe("the cross-tenant queue", () => {
  it("lists held and reported posts of every workspace", async () => {
    const { a, b, boardA, inA, inB } = await twoWorkspaces();
    const published = await createProblemRow(boardA, (await createUser()).id, {
      title: `Rude words ${a.workspace.id}`,
    });
    await flagContent(
      { userId: (await createUser()).id },
      {
        targetType: "problem",
        targetId: published.id,
        reason: "Insults other customers",
      },
    );

    // Every workspace on one page (other tests' posts may be older: filter to each workspace).
    const pageOf = async (workspace?: string) => {
      actAs(operatorCookie);
      return html(await ModerationPage({ searchParams: Promise.resolve({ workspace }) }));
    };
    const onlyA = await pageOf(a.workspace.id);
    expect(onlyA).toContain(inA.title);
    expect(onlyA).toContain(a.workspace.name);
    expect(onlyA).toContain(published.title);
    expect(onlyA).toContain("Insults other customers");
    expect(onlyA).not.toContain(inB.title);
    const onlyB = await pageOf(b.workspace.id);
    expect(onlyB).toContain(inB.title);
    expect(onlyB).toContain(b.workspace.name);
    expect(onlyB).not.toContain(inA.title);
    const all = await pageOf();
    expect(all).toMatch(/Held for review \(\d+/);
    expect(await pageOf("not an id")).toContain("Nothing is waiting for review.");
  });
});

describe("acting from the console", () => {
  it("needs a reason and the post's own workspace; changes nothing otherwise", async () => {
    const { b, inA } = await twoWorkspaces();
    const noReason = await act(decideModerationAction, {
      workspaceId: inA.workspaceId,
      targetType: "problem",
      targetId: inA.id,
      decision: "approve",
      reason: "",
    });
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/reason/i);
    const noDecision = await act(decideModerationAction, {
      workspaceId: inA.workspaceId,
      targetType: "problem",
      targetId: inA.id,
      reason: "Looks legitimate",
    });
    expect(noDecision.fieldErrors?.decision).toEqual(["Choose approve, reject or spam."]);
    const wrongWorkspace = await act(decideModerationAction, {
      workspaceId: b.workspace.id,
      targetType: "problem",
      targetId: inA.id,
      decision: "approve",
      reason: "Looks legitimate",
    });
    expect(wrongWorkspace.error).toBe("That content was not found in this workspace.");
    expect(await stateOf(inA.id)).toBe("pending");
  });

  it("approves through lib/moderation: log and workspace audit name the admin and the reason", async () => {
    const { a, inA } = await twoWorkspaces();
    const result = await act(decideModerationAction, {
      workspaceId: a.workspace.id,
      targetType: "problem",
      targetId: inA.id,
      decision: "approve",
      reason: "Reviewed from the console: a real request",
    });
    expect(result.success).toMatch(/Decided/);
    expect(await stateOf(inA.id)).toBe("approved");
    const [logged] = await db
      .select()
      .from(moderationActions)
      .where(eq(moderationActions.targetId, inA.id));
    expect(logged).toMatchObject({
      workspaceId: a.workspace.id,
      actorId: operator.id,
      action: "approve",
      note: "Reviewed from the console: a real request",
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "moderation.approved"), eq(auditLog.targetId, inA.id)));
    expect(entry).toMatchObject({ workspaceId: a.workspace.id, actorId: operator.id });
    expect(entry!.metadata).toMatchObject({ note: "Reviewed from the console: a real request" });
  });

  it("a spam sweep hides the author's held posts in that workspace only", async () => {
    const { b, inA, inB, inB2 } = await twoWorkspaces();
    await act(decideModerationAction, {
      workspaceId: b.workspace.id,
      targetType: "problem",
      targetId: inB.id,
      decision: "spam",
      reason: "Pill spam across boards",
    });
    expect(await stateOf(inB.id)).toBe("spam");
    expect(await stateOf(inB2.id)).toBe("spam");
    expect(await stateOf(inA.id)).toBe("pending");
    actAs(operatorCookie);
    const page = html(
      await ModerationPage({ searchParams: Promise.resolve({ workspace: b.workspace.id }) }),
    );
    expect(page).toContain("Pill spam across boards");
  });

  it("bans and unbans an author in one workspace, with reasons; members can't be banned", async () => {
    const { a, b, spammer, inA } = await twoWorkspaces();
    const banned = await act(banAuthorAction, {
      workspaceId: b.workspace.id,
      userId: spammer.id,
      reason: "Repeated pill spam",
    });
    expect(banned.success).toMatch(/Banned/);
    const bans = await db.select().from(workspaceBans).where(eq(workspaceBans.userId, spammer.id));
    expect(bans).toMatchObject([
      { workspaceId: b.workspace.id, bannedBy: operator.id, reason: "Repeated pill spam" },
    ]);
    expect(await stateOf(inA.id)).toBe("pending");

    const member = await act(banAuthorAction, {
      workspaceId: a.workspace.id,
      userId: a.member.id,
      reason: "Trying to ban a member",
    });
    expect(member.error).toBe("Members can't be banned. Remove them from the workspace.");

    actAs(operatorCookie);
    expect(
      html(await ModerationPage({ searchParams: Promise.resolve({ workspace: b.workspace.id }) })),
    ).toContain("Repeated pill spam");

    const noReason = await act(unbanAuthorAction, {
      workspaceId: b.workspace.id,
      userId: spammer.id,
      reason: "",
    });
    expect(noReason.fieldErrors?.reason).toBeDefined();
    const lifted = await act(unbanAuthorAction, {
      workspaceId: b.workspace.id,
      userId: spammer.id,
      reason: "Appealed by email, promised to stop",
    });
    expect(lifted.success).toMatch(/lifted/);
    expect(
      await db.select().from(workspaceBans).where(eq(workspaceBans.userId, spammer.id)),
    ).toEqual([]);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "moderation.author_unbanned"), eq(auditLog.targetId, spammer.id)),
      )
      .orderBy(desc(auditLog.seq));
    expect(entry).toMatchObject({ workspaceId: b.workspace.id, actorId: operator.id });
    expect(entry!.metadata).toMatchObject({ reason: "Appealed by email, promised to stop" });
  });

  it("outside the console a platform admin has no say in workspaces they don't belong to", async () => {
    const { a, inA } = await twoWorkspaces();
    await expect(
      moderateContent(
        { userId: operator.id, platformRole: "admin", impersonatorId: null },
        a.workspace.id,
        {
          targetType: "problem",
          targetId: inA.id,
          decision: "approve",
        },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await stateOf(inA.id)).toBe("pending");
  });
});
