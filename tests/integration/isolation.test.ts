import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { createBoard } from "@/lib/boards/create-board";
import { getBoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { getCapacity } from "@/lib/billing/get-capacity";
import { listBoards } from "@/lib/boards/list-boards";
import { deleteBoard, setBoardArchived, updateBoard } from "@/lib/boards/update-board";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment, setPinned, updateComment } from "@/lib/comments/manage-comment";
import { db } from "@/lib/db";
import {
  boards,
  comments,
  moderationActions,
  problems,
  votes,
  workspaceBans,
} from "@/lib/db/schema";
import { banAuthor } from "@/lib/moderation/bans";
import { flagContent } from "@/lib/moderation/flag-content";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { listModerationQueue, updateModerationSettings } from "@/lib/moderation/moderation-queue";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { deleteProblem, updateProblem } from "@/lib/problems/edit-problem";
import { getProblemDetail } from "@/lib/problems/get-problem-detail";
import { listInbox } from "@/lib/problems/list-inbox";
import { listProblems } from "@/lib/problems/list-problems";
import { mergeProblems } from "@/lib/problems/merge-problems";
import { setVote } from "@/lib/problems/set-vote";
import { createBoardRow, createProblemRow, createTeam, createUser } from "../support/factories";

const as = (user: { id: string }): Principal => ({ userId: user.id });

/** A snapshot of everything the actions below could change. */
async function snapshot() {
  const tables = [boards, problems, comments, votes, moderationActions, workspaceBans] as const;
  const counts = await Promise.all(
    tables.map(async (t) => (await db.select({ n: count() }).from(t))[0]?.n),
  );
  const rows = await db.select().from(problems).orderBy(problems.id);
  const boardRows = await db.select().from(boards).orderBy(boards.id);
  const commentRows = await db.select().from(comments).orderBy(comments.id);
  return JSON.stringify({ counts, rows, boardRows, commentRows });
}

async function setup() {
  const team = await createTeam();
  const other = await createTeam();
  const board = await createBoardRow(team.workspace.id);
  const privateBoard = await createBoardRow(team.workspace.id, { visibility: "private" });
  const customer = await createUser();
  const banned = await createUser();
  const problem = await createProblemRow(board, customer.id);
  const secret = await createProblemRow(privateBoard, team.member.id);
  const memberComment = await createComment(as(team.member), problem.id, { body: "We're on it." });
  const held = await createProblemRow(board, customer.id, { moderationState: "pending" });
  await createProblemRow(board, banned.id); // only authors who posted here can be banned
  await banAuthor(as(team.owner), team.workspace.id, banned.id, "spam");
  return {
    team,
    other,
    board,
    privateBoard,
    customer,
    banned,
    problem,
    secret,
    memberComment,
    held,
  };
}

describe("tenant isolation", () => {
  it("a member of another workspace can neither read private content nor change anything", async () => {
    const s = await setup();
    const outsider = as(s.other.owner);
    const before = await snapshot();
    const attempts: [string, () => Promise<unknown>][] = [
      [
        "read private board",
        () => getBoardForViewer(outsider, s.team.workspace.slug, s.privateBoard.slug),
      ],
      ["read private problem", () => getProblemDetail(outsider, s.secret.id)],
      ["list private board", () => listProblems(outsider, s.privateBoard.id)],
      ["read held problem", () => getProblemDetail(outsider, s.held.id)],
      ["list boards", () => listBoards(outsider, s.team.workspace.id)],
      ["read board capacity", () => getCapacity(outsider, s.team.workspace.id, "boards")],
      ["read seat capacity", () => getCapacity(outsider, s.team.workspace.id, "seats")],
      ["create board", () => createBoard(outsider, s.team.workspace.id, { name: "Hijack" })],
      [
        "rename board",
        () => updateBoard(outsider, s.team.workspace.id, s.board.id, { name: "Hijacked" }),
      ],
      [
        "rename via own workspace",
        () => updateBoard(outsider, s.other.workspace.id, s.board.id, { name: "Hijacked" }),
      ],
      ["archive board", () => setBoardArchived(outsider, s.team.workspace.id, s.board.id, true)],
      ["delete board", () => deleteBoard(outsider, s.team.workspace.id, s.board.id)],
      [
        "post on private board",
        () => createProblem(outsider, s.privateBoard.id, { title: "Let me in", body: "x" }),
      ],
      ["vote on private", () => setVote(outsider, s.secret.id, true)],
      ["comment on private", () => createComment(outsider, s.secret.id, { body: "hi" })],
      ["change status", () => changeStatus(outsider, s.problem.id, { status: "planned" })],
      ["edit problem", () => updateProblem(outsider, s.problem.id, { title: "Defaced title" })],
      ["delete problem", () => deleteProblem(outsider, s.problem.id)],
      ["merge", () => mergeProblems(outsider, s.problem.id, s.secret.id)],
      ["pin", () => setPinned(outsider, s.memberComment.id, true)],
      ["edit comment", () => updateComment(outsider, s.memberComment.id, { body: "defaced" })],
      ["delete comment", () => deleteComment(outsider, s.memberComment.id)],
      ["queue", () => listModerationQueue(outsider, s.team.workspace.id)],
      [
        "moderate",
        () =>
          moderateContent(outsider, s.team.workspace.id, {
            targetType: "problem",
            targetId: s.held.id,
            decision: "approve",
          }),
      ],
      [
        "moderate via own workspace",
        () =>
          moderateContent(outsider, s.other.workspace.id, {
            targetType: "problem",
            targetId: s.held.id,
            decision: "approve",
          }),
      ],
      ["ban", () => banAuthor(outsider, s.team.workspace.id, s.customer.id)],
      [
        "settings",
        () => updateModerationSettings(outsider, s.team.workspace.id, { blockedWords: ["x"] }),
      ],
      ["inbox", () => listInbox(outsider, s.team.workspace.id, "new")],
      [
        "flag private",
        () =>
          flagContent(outsider, {
            targetType: "problem",
            targetId: s.secret.id,
            reason: "bad stuff",
          }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({
        status: expect.toSatisfy((n: number) => n === 403 || n === 404),
      });
    }
    expect(await snapshot()).toBe(before);
  });

  it("a viewer cannot do what needs a member, and a member cannot manage boards", async () => {
    const s = await setup();
    const before = await snapshot();
    const viewer = as(s.team.viewer);
    const member = as(s.team.member);
    const attempts: [string, () => Promise<unknown>][] = [
      ["viewer changes status", () => changeStatus(viewer, s.problem.id, { status: "planned" })],
      ["viewer merges", () => mergeProblems(viewer, s.held.id, s.problem.id)],
      [
        "viewer moderates",
        () =>
          moderateContent(viewer, s.team.workspace.id, {
            targetType: "problem",
            targetId: s.held.id,
            decision: "approve",
          }),
      ],
      ["viewer opens the queue", () => listModerationQueue(viewer, s.team.workspace.id)],
      ["viewer pins", () => setPinned(viewer, s.memberComment.id, true)],
      ["viewer deletes a problem", () => deleteProblem(viewer, s.problem.id)],
      [
        "member creates a board",
        () => createBoard(member, s.team.workspace.id, { name: "Not allowed" }),
      ],
      ["member deletes a board", () => deleteBoard(member, s.team.workspace.id, s.board.id)],
      [
        "viewer edits the member's comment",
        () => updateComment(viewer, s.memberComment.id, { body: "y" }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({
        status: expect.toSatisfy((n: number) => n === 403 || n === 404),
      });
    }
    expect(await snapshot()).toBe(before);
  });

  it("a signed-out visitor reads public boards only, and a banned author can read but not act", async () => {
    const s = await setup();
    await expect(
      getBoardForViewer(null, s.team.workspace.slug, s.privateBoard.slug),
    ).rejects.toMatchObject({ status: 404 });
    await expect(getProblemDetail(null, s.secret.id)).rejects.toMatchObject({ status: 404 });
    await expect(listProblems(null, s.privateBoard.id)).rejects.toMatchObject({ status: 404 });
    await expect(getProblemDetail(null, s.held.id)).rejects.toMatchObject({ status: 404 });
    expect((await getBoardForViewer(null, s.team.workspace.slug, s.board.slug)).board.id).toBe(
      s.board.id,
    );
    expect((await getProblemDetail(null, s.problem.id)).problem.id).toBe(s.problem.id);

    const before = await snapshot();
    const banned = as(s.banned);
    expect((await getBoardForViewer(banned, s.team.workspace.slug, s.board.slug)).banned).toBe(
      true,
    );
    const attempts: [string, () => Promise<unknown>][] = [
      ["post", () => createProblem(banned, s.board.id, { title: "Back again", body: "x" })],
      ["vote", () => setVote(banned, s.problem.id, true)],
      ["comment", () => createComment(banned, s.problem.id, { body: "hello" })],
      [
        "flag",
        () =>
          flagContent(banned, {
            targetType: "problem",
            targetId: s.problem.id,
            reason: "whatever",
          }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ status: 403 });
    }
    expect(await snapshot()).toBe(before);
  });
});
