import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment, setPinned } from "@/lib/comments/manage-comment";
import { db } from "@/lib/db";
import { comments, moderationActions, problems, workspaceBans } from "@/lib/db/schema";
import { flagContent } from "@/lib/moderation/flag-content";
import { moderateContent } from "@/lib/moderation/moderate-content";
import {
  listModerationLog,
  listModerationQueue,
  updateModerationSettings,
} from "@/lib/moderation/moderation-queue";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { getProblemDetail } from "@/lib/problems/get-problem-detail";
import { createBoardRow, createProblemRow, createTeam, createUser } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

describe("comments", () => {
  it("threads one level, keeps replies of a deleted comment, and counts only visible ones", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const problem = await createProblemRow(board, customer.id);
    const top = await createComment(as(customer), problem.id, { body: "Same here." });
    const reply = await createComment(as(team.member), problem.id, {
      body: "Thanks!",
      parentId: top.id,
    });
    await expect(
      createComment(as(customer), problem.id, { body: "Deeper", parentId: reply.id }),
    ).rejects.toMatchObject({
      fieldErrors: { parentId: ["Reply to the top-level comment instead."] },
    });
    await expect(createComment(as(customer), problem.id, { body: "   " })).rejects.toMatchObject({
      fieldErrors: { body: expect.any(Array) },
    });

    await deleteComment(as(customer), top.id);
    const detail = await getProblemDetail(null, problem.id);
    expect(detail.comments.map((c) => [c.id, c.body])).toEqual([
      [top.id, null],
      [reply.id, "Thanks!"],
    ]);
    const [row] = await db.select().from(problems).where(eq(problems.id, problem.id));
    expect(row?.commentCount).toBe(1);
  });

  it("refuses comments on closed problems", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, team.owner.id);
    await changeStatus(as(team.member), problem.id, { status: "closed" });
    await expect(
      createComment(as(await createUser()), problem.id, { body: "Hello?" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("pins one official reply, and only a team member's", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const problem = await createProblemRow(board, customer.id);
    const theirs = await createComment(as(customer), problem.id, { body: "Me too" });
    const first = await createComment(as(team.member), problem.id, { body: "Looking into it" });
    const second = await createComment(as(team.admin), problem.id, { body: "Fixed in 2.1" });
    await expect(setPinned(as(team.member), theirs.id, true)).rejects.toMatchObject({
      code: "conflict",
    });
    await setPinned(as(team.member), first.id, true);
    await setPinned(as(team.member), second.id, true);
    const pinned = await db
      .select()
      .from(comments)
      .where(and(eq(comments.problemId, problem.id), eq(comments.pinned, true)));
    expect(pinned.map((c) => c.id)).toEqual([second.id]);
    expect((await getProblemDetail(null, problem.id)).comments[0]?.id).toBe(second.id);
  });
});

describe("moderation", () => {
  it("hides content after enough reports and brings it back when approved", async () => {
    const team = await createTeam();
    await updateModerationSettings(as(team.owner), team.workspace.id, { flagThreshold: 2 });
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, (await createUser()).id);
    const reporter = await createUser();
    expect(
      (
        await flagContent(as(reporter), {
          targetType: "problem",
          targetId: problem.id,
          reason: "Off topic",
        })
      ).hidden,
    ).toBe(false);
    await expect(
      flagContent(as(reporter), { targetType: "problem", targetId: problem.id, reason: "Again" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(
      (
        await flagContent(as(await createUser()), {
          targetType: "problem",
          targetId: problem.id,
          reason: "Spam",
        })
      ).hidden,
    ).toBe(true);
    await expect(getProblemDetail(null, problem.id)).rejects.toMatchObject({ code: "not_found" });

    const queue = await listModerationQueue(as(team.member), team.workspace.id);
    expect(queue.map((q) => [q.id, q.reason])).toEqual([[problem.id, "Hidden after 2 reports"]]);
    await moderateContent(as(team.member), team.workspace.id, {
      targetType: "problem",
      targetId: problem.id,
      decision: "approve",
    });
    expect((await getProblemDetail(null, problem.id)).problem.moderationState).toBe("approved");
    const log = await listModerationLog(as(team.member), team.workspace.id);
    expect(log.map((l) => l.action)).toEqual(["approve", "auto_hide"]);
    expect(log[0]?.actorName).toBe("member user");
  });

  it("marking spam hides all the author's waiting content in the workspace", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { moderationMode: "hold_all" });
    const spammer = await createUser();
    const first = await createProblem(as(spammer), board.id, {
      title: "Cheap watches here",
      body: "x",
    });
    const second = await createProblem(as(spammer), board.id, {
      title: "More cheap watches",
      body: "x",
    });
    await moderateContent(as(team.admin), team.workspace.id, {
      targetType: "problem",
      targetId: first.id,
      decision: "spam",
      note: "bot",
    });
    const rows = await db.select().from(problems).where(eq(problems.authorId, spammer.id));
    expect(rows.map((r) => r.moderationState)).toEqual(["spam", "spam"]);
    expect(rows.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    const [action] = await db
      .select()
      .from(moderationActions)
      .where(eq(moderationActions.targetId, first.id));
    expect(action).toMatchObject({ action: "spam", actorId: team.admin.id, note: "bot" });
    await expect(
      moderateContent(as(team.admin), team.workspace.id, {
        targetType: "problem",
        targetId: first.id,
        decision: "delete",
      }),
    ).rejects.toMatchObject({ fieldErrors: { decision: expect.any(Array) } });
  });
});

describe("bans", () => {
  it("lists banned authors and lifting a ban lets them post again", async () => {
    const { banAuthor, listBans, unbanAuthor } = await import("@/lib/moderation/bans");
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const troll = await createUser({ name: "Trolly McTroll" });
    const held = await createProblemRow(board, troll.id, { moderationState: "pending" });
    await banAuthor(as(team.member), team.workspace.id, troll.id, "Abuse");
    const [heldRow] = await db.select().from(problems).where(eq(problems.id, held.id));
    expect(heldRow?.moderationState).toBe("spam");
    expect(
      (await listBans(as(team.member), team.workspace.id)).map((b) => [b.name, b.reason]),
    ).toEqual([["Trolly McTroll", "Abuse"]]);
    await expect(
      createProblem(as(troll), board.id, { title: "Let me back in", body: "x" }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      banAuthor(as(team.member), team.workspace.id, team.viewer.id),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await unbanAuthor(as(team.member), team.workspace.id, troll.id);
    expect(await listBans(as(team.member), team.workspace.id)).toEqual([]);
    expect(
      (await createProblem(as(troll), board.id, { title: "Sorry about that", body: "x" }))
        .moderationState,
    ).toBe("approved");
    await expect(unbanAuthor(as(team.member), team.workspace.id, troll.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("who can be banned", () => {
  it("only authors who posted here; anyone else is refused by field and nothing is written", async () => {
    const { banAuthor, listBans } = await import("@/lib/moderation/bans");
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const elsewhere = await createTeam();
    const otherBoard = await createBoardRow(elsewhere.workspace.id);
    const stranger = await createUser({ name: "Stranger", email: `ceo-${Date.now()}@bigco.test` });
    const postedElsewhere = await createUser();
    await createProblemRow(otherBoard, postedElsewhere.id);

    for (const userId of [stranger.id, postedElsewhere.id, "usr_nosuchuser", "usr_\u0000", ""]) {
      await expect(
        banAuthor(as(team.member), team.workspace.id, userId, "Spam"),
      ).rejects.toMatchObject({
        status: 422,
        fieldErrors: { userId: [expect.stringContaining("posted")] },
      });
    }
    const bans = await db
      .select()
      .from(workspaceBans)
      .where(eq(workspaceBans.workspaceId, team.workspace.id));
    expect(bans).toEqual([]);

    // Someone who only commented is an author too; the list shows their name, never their email.
    const commenter = await createUser({ name: "Chatty Cathy" });
    const problem = await createProblemRow(board, team.owner.id);
    await createComment(as(commenter), problem.id, { body: "Me too!" });
    await banAuthor(as(team.member), team.workspace.id, commenter.id);
    const listed = await listBans(as(team.member), team.workspace.id);
    expect(listed).toMatchObject([{ userId: commenter.id, name: "Chatty Cathy", email: null }]);
    expect(JSON.stringify(listed)).not.toContain(commenter.email);

    // A ban recorded before this rule, on someone who never posted here, shows neither.
    await db
      .insert(workspaceBans)
      .values({ workspaceId: team.workspace.id, userId: stranger.id, bannedBy: team.owner.id });
    const legacy = (await listBans(as(team.member), team.workspace.id)).find(
      (ban) => ban.userId === stranger.id,
    );
    expect(legacy).toMatchObject({ name: null, email: null });
    expect(JSON.stringify(await listBans(as(team.member), team.workspace.id))).not.toContain(
      "bigco",
    );
  });

  it("refuses a reason with control characters by field", async () => {
    const { banAuthor } = await import("@/lib/moderation/bans");
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const author = await createUser();
    await createProblemRow(board, author.id);
    await expect(
      banAuthor(as(team.member), team.workspace.id, author.id, "spam\u0000bot"),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { reason: expect.any(Array) } });
    await expect(
      banAuthor(as(team.member), team.workspace.id, author.id, "x".repeat(501)),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { reason: expect.any(Array) } });
  });
});
