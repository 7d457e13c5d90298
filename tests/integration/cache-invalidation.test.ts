import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deleteBoard, updateBoard } from "@/lib/boards/update-board";
import { invalidateBoards } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { problems, workspaces } from "@/lib/db/schema";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment, setPinned, updateComment } from "@/lib/comments/manage-comment";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { updateProblem } from "@/lib/problems/edit-problem";
import { getProblemDetail } from "@/lib/problems/get-problem-detail";
import { listPublicProblems } from "@/lib/problems/list-public-problems";
import { setFollow } from "@/lib/problems/set-follow";
import { setVote } from "@/lib/problems/set-vote";
import { changeMemberRole } from "@/lib/workspaces/change-member-role";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";
import { removeMember } from "@/lib/workspaces/remove-member";
import { switchWorkspace } from "@/lib/workspaces/switch-workspace";
import {
  createBoardRow,
  createProblemRow,
  createTeam,
  createUser,
  personalWorkspaceOf,
} from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

describe("cached public problem lists", () => {
  it("show every write on the next read: votes, status, comments, new posts, moderation", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { moderationMode: "hold_all" });
    const problem = await createProblemRow(board, team.owner.id, { title: "Cached problem" });
    const read = async () =>
      (await listPublicProblems(team.workspace.slug, board.slug, { status: "all" })).data;

    expect((await read()).map((p) => [p.title, p.voteCount])).toEqual([["Cached problem", 0]]);

    // Served from the cache: a change made behind the domain's back is not seen until invalidated.
    await db.update(problems).set({ title: "Changed directly" }).where(eq(problems.id, problem.id));
    expect((await read())[0]?.title).toBe("Cached problem");
    await invalidateBoards(board.id);
    expect((await read())[0]?.title).toBe("Changed directly");

    await setVote(as(await createUser()), problem.id, true);
    expect((await read())[0]?.voteCount).toBe(1);

    await changeStatus(as(team.member), problem.id, { status: "planned" });
    expect((await read())[0]?.status).toBe("planned");

    await createComment(as(team.member), problem.id, { body: "On it." });
    expect((await read())[0]?.commentCount).toBe(1);

    const held = await createProblem(as(await createUser()), board.id, {
      title: "Waiting for review",
      body: "x",
    });
    expect((await read()).map((p) => p.title)).toEqual(["Changed directly"]);
    await moderateContent(as(team.member), team.workspace.id, {
      targetType: "problem",
      targetId: held.id,
      decision: "approve",
    });
    expect((await read()).map((p) => p.title).sort()).toEqual([
      "Changed directly",
      "Waiting for review",
    ]);
  });

  it("never caches bad input", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    await expect(
      listPublicProblems(team.workspace.slug, board.slug, { sort: "sideways" }),
    ).rejects.toMatchObject({ fieldErrors: { sort: expect.any(Array) } });
  });

  it("follow the board's address: renamed, made private, deleted, slug reused", async () => {
    const team = await createTeam();
    const owner = as(team.owner);
    const ws = team.workspace.slug;
    const board = await createBoardRow(team.workspace.id, { slug: "ideas" });
    await createProblemRow(board, team.owner.id, { title: "First board's problem" });
    const titles = async (slug: string) =>
      (await listPublicProblems(ws, slug, {})).data.map((p) => p.title);
    const notFound = { code: "not_found" };

    expect(await titles("ideas")).toEqual(["First board's problem"]); // cached, address remembered

    await updateBoard(owner, team.workspace.id, board.id, { slug: "requests" });
    await expect(titles("ideas")).rejects.toMatchObject(notFound);
    expect(await titles("requests")).toEqual(["First board's problem"]);

    // Another board takes the old address: it shows its own list, never the first board's.
    const newcomer = await createBoardRow(team.workspace.id, { slug: "ideas" });
    await createProblemRow(newcomer, team.owner.id, { title: "Newcomer's problem" });
    expect(await titles("ideas")).toEqual(["Newcomer's problem"]);

    await updateBoard(owner, team.workspace.id, board.id, { visibility: "private" });
    await expect(titles("requests")).rejects.toMatchObject(notFound);
    await updateBoard(owner, team.workspace.id, board.id, { visibility: "public" });
    expect(await titles("requests")).toEqual(["First board's problem"]);

    await deleteBoard(owner, team.workspace.id, board.id);
    await expect(titles("requests")).rejects.toMatchObject(notFound);
    // Another workspace's board of the same slug is its own list.
    const other = await createTeam();
    const elsewhere = await createBoardRow(other.workspace.id, { slug: "ideas" });
    await createProblemRow(elsewhere, other.owner.id, { title: "Elsewhere" });
    expect(await titles("ideas")).toEqual(["Newcomer's problem"]);
    expect(
      (await listPublicProblems(other.workspace.slug, "ideas", {})).data.map((p) => p.title),
    ).toEqual(["Elsewhere"]);
  });
});

describe("cached problem detail", () => {
  it("shows every write on the next read: status, edit, comment, vote, comment edits", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser({ name: "Customer" });
    const problem = await createProblemRow(board, customer.id, { title: "Export is slow" });
    const read = () => getProblemDetail(null, problem.id);

    const first = await read();
    expect(first.problem.title).toBe("Export is slow");
    expect(first.authorName).toBe("Customer");
    // Dates come back as Dates, from the cache as from a fresh load.
    expect(first.problem.createdAt).toBeInstanceOf(Date);
    expect(first.board.createdAt).toBeInstanceOf(Date);

    // Served from the cache: a change made behind the domain's back is not seen until invalidated.
    await db.update(problems).set({ title: "Changed directly" }).where(eq(problems.id, problem.id));
    expect((await read()).problem.title).toBe("Export is slow");
    expect((await read()).problem.createdAt).toBeInstanceOf(Date);

    await changeStatus(as(team.member), problem.id, { status: "planned", note: "Next sprint" });
    const planned = await read();
    expect(planned.problem.status).toBe("planned");
    expect(planned.timeline.map((t) => [t.toStatus, t.note])).toEqual([["planned", "Next sprint"]]);
    expect(planned.timeline[0]?.createdAt).toBeInstanceOf(Date);

    await updateProblem(as(team.member), problem.id, { title: "Export times out" });
    expect((await read()).problem.title).toBe("Export times out");

    const reply = await createComment(as(team.member), problem.id, { body: "Looking into it." });
    const commented = await read();
    expect(commented.comments.map((c) => [c.body, c.authorIsMember])).toEqual([
      ["Looking into it.", true],
    ]);
    expect(commented.comments[0]?.createdAt).toBeInstanceOf(Date);

    await setVote(as(await createUser()), problem.id, true);
    expect((await read()).problem.voteCount).toBe(1);

    await updateComment(as(team.member), reply.id, { body: "Fixed in 2.1." });
    expect((await read()).comments[0]?.body).toBe("Fixed in 2.1.");
    expect((await read()).comments[0]?.editedAt).toBeInstanceOf(Date);

    const other = await createComment(as(customer), problem.id, { body: "Still slow for me." });
    expect((await read()).comments.map((c) => c.id)).toEqual([reply.id, other.id]);
    await setPinned(as(team.member), other.id, false);
    await setPinned(as(team.member), reply.id, true);
    expect((await read()).comments.map((c) => [c.id, c.pinned])).toEqual([
      [reply.id, true],
      [other.id, false],
    ]);

    await deleteComment(as(customer), other.id);
    expect((await read()).comments.map((c) => c.id)).toEqual([reply.id]);
  });

  it("reads each viewer's vote, follow and rights per viewer, never from the shared entry", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, team.owner.id);
    const [alice, bob] = [await createUser(), await createUser()];
    await setVote(as(alice), problem.id, true);
    await setFollow(as(alice), problem.id, true);

    const forAlice = await getProblemDetail(as(alice), problem.id);
    expect([forAlice.viewerVoted, forAlice.viewerFollows, forAlice.canEdit]).toEqual([
      true,
      true,
      false,
    ]);
    // The shared entry is now cached (a direct change is not seen), yet Bob gets his own answers.
    await db.update(problems).set({ title: "Behind the cache" }).where(eq(problems.id, problem.id));
    const forBob = await getProblemDetail(as(bob), problem.id);
    expect(forBob.problem.title).not.toBe("Behind the cache");
    expect([forBob.viewerVoted, forBob.viewerFollows, forBob.canEdit]).toEqual([
      false,
      false,
      false,
    ]);
    expect(forBob.role).toBeNull();
    const forMember = await getProblemDetail(as(team.member), problem.id);
    expect([forMember.viewerVoted, forMember.canEdit, forMember.role]).toEqual([
      false,
      true,
      "member",
    ]);
    const anonymous = await getProblemDetail(null, problem.id);
    expect([anonymous.viewerVoted, anonymous.viewerFollows, anonymous.canEdit]).toEqual([
      false,
      false,
      false,
    ]);

    // A follow is the viewer's own: visible to them on the next read.
    await setFollow(as(bob), problem.id, true);
    expect((await getProblemDetail(as(bob), problem.id)).viewerFollows).toBe(true);
    expect((await getProblemDetail(as(alice), problem.id)).viewerVoted).toBe(true);
  });

  it("never shares held comments: the author sees their own, moderators all, others none", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { moderationMode: "hold_all" });
    const problem = await createProblemRow(board, team.owner.id);
    const [author, stranger] = [await createUser(), await createUser()];
    const anonymousBefore = await getProblemDetail(null, problem.id); // cache the shared part
    expect(anonymousBefore.comments).toEqual([]);

    const held = await createComment(as(author), problem.id, { body: "Held for review" });
    const ids = async (viewer: { id: string } | null) =>
      (await getProblemDetail(viewer && as(viewer), problem.id)).comments.map((c) => c.id);
    expect(await ids(null)).toEqual([]);
    expect(await ids(stranger)).toEqual([]);
    expect(await ids(author)).toEqual([held.id]);
    expect(await ids(team.admin)).toEqual([held.id]);
    expect(await ids(null)).toEqual([]);

    await moderateContent(as(team.admin), team.workspace.id, {
      targetType: "comment",
      targetId: held.id,
      decision: "approve",
    });
    expect(await ids(null)).toEqual([held.id]);
    expect(await ids(author)).toEqual([held.id]);
  });

  it("decides access per viewer: a private board's cached problem stays hidden from outsiders", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { visibility: "private" });
    const problem = await createProblemRow(board, team.owner.id);
    expect((await getProblemDetail(as(team.viewer), problem.id)).problem.id).toBe(problem.id);
    await expect(getProblemDetail(as(await createUser()), problem.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getProblemDetail(null, problem.id)).rejects.toMatchObject({ code: "not_found" });

    const held = await createProblemRow(await createBoardRow(team.workspace.id), team.member.id, {
      moderationState: "pending",
    });
    expect((await getProblemDetail(as(team.member), held.id)).isAuthor).toBe(true);
    await expect(getProblemDetail(null, held.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getProblemDetail(as(await createUser()), "prb_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("cached current workspace", () => {
  it("shows a role change and a removal on the next lookup", async () => {
    const team = await createTeam();
    const lookup = () => getCurrentWorkspace(as(team.viewer), team.workspace.id);
    expect(await lookup()).toMatchObject({ workspaceId: team.workspace.id, role: "viewer" });

    // Cached per user: a change behind the domain's back is not seen.
    await db
      .update(workspaces)
      .set({ name: "Renamed directly" })
      .where(eq(workspaces.id, team.workspace.id));
    expect((await lookup()).workspaceName).toBe(team.workspace.name);

    await changeMemberRole(as(team.owner), team.workspace.id, {
      userId: team.viewer.id,
      role: "member",
    });
    expect(await lookup()).toMatchObject({ workspaceId: team.workspace.id, role: "member" });

    await removeMember(as(team.owner), team.workspace.id, team.viewer.id);
    const personal = await personalWorkspaceOf(team.viewer.id);
    expect(await lookup()).toMatchObject({ workspaceId: personal?.id, role: "owner" });
  });

  it("keeps each user's lookup under their own key", async () => {
    const team = await createTeam();
    const [owner, viewer] = await Promise.all([
      getCurrentWorkspace(as(team.owner), team.workspace.id),
      getCurrentWorkspace(as(team.viewer), team.workspace.id),
    ]);
    expect([owner.role, viewer.role]).toEqual(["owner", "viewer"]);
    expect((await getCurrentWorkspace(as(team.viewer), team.workspace.id)).role).toBe("viewer");
  });

  it("follows the remembered workspace: switching and creating one", async () => {
    const team = await createTeam();
    const user = team.member;
    const fallback = () => getCurrentWorkspace(as(user), null);
    expect((await fallback()).workspaceId).toBe((await personalWorkspaceOf(user.id))?.id);

    // No session of that id: only the remembered workspace changes, which is what is read here.
    await switchWorkspace(as(user), "ses_none", team.workspace.slug);
    expect((await fallback()).workspaceId).toBe(team.workspace.id);

    const created = await createWorkspace(as(user), { name: "Side project" });
    expect(await fallback()).toMatchObject({ workspaceId: created.id, role: "owner" });
  });
});
