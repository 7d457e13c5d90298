import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { problems } from "@/lib/db/schema";
import { setSubscribed } from "@/lib/email/preferences";
import { findMergeTargets, previewMerge } from "@/lib/problems/merge-preview";
import { mergeProblems } from "@/lib/problems/merge-problems";
import { setFollow } from "@/lib/problems/set-follow";
import { setVote } from "@/lib/problems/set-vote";
import { createComment } from "@/lib/comments/create-comment";
import {
  createBoardRow,
  createProblemRow,
  createTeam,
  createUser,
  emailsTo,
  linkIn,
} from "../support/factories";

const as = (user: { id: string }): Principal => ({ userId: user.id });

/** A board with a duplicate ("CSV export never finishes") and the problem to keep. */
async function duplicates() {
  const team = await createTeam();
  const board = await createBoardRow(team.workspace.id, { name: "Acme feedback" });
  const author = await createUser();
  const kept = await createProblemRow(board, team.owner.id, {
    title: "Exports time out for large boards",
    body: "The CSV export spins and then fails.",
  });
  const dup = await createProblemRow(board, author.id, {
    title: "CSV export never finishes",
    body: "Waited ten minutes.",
  });
  await createProblemRow(board, author.id, { title: "Dark mode for the widget" });
  await setFollow(as(author), dup.id, true);
  return { team, board, author, kept, dup };
}

describe("finding the problem to keep", () => {
  it("searches the duplicate's board as you type, typos included, never listing the duplicate", async () => {
    const { team, kept, dup } = await duplicates();
    const found = await findMergeTargets(as(team.member), dup.id, "exprot");
    expect(found.map((p) => p.id)).toEqual([kept.id]);
    expect(found[0]).toMatchObject({ title: "Exports time out for large boards", status: "open" });
    expect(await findMergeTargets(as(team.member), dup.id, "")).toEqual([]);
    // A pasted link finds that problem; the duplicate's own link finds nothing.
    const link = `https://problemboard.app/b/x/y/p/${kept.id}`;
    expect((await findMergeTargets(as(team.member), dup.id, link)).map((p) => p.id)).toEqual([
      kept.id,
    ]);
    expect(await findMergeTargets(as(team.member), dup.id, dup.id)).toEqual([]);
  });

  it("never lists another workspace's problems, and refuses people who don't triage", async () => {
    const { team, dup } = await duplicates();
    const other = await createTeam();
    const otherBoard = await createBoardRow(other.workspace.id);
    const foreign = await createProblemRow(otherBoard, other.owner.id, {
      title: "Exports time out on their board too",
    });
    expect(await findMergeTargets(as(team.member), dup.id, foreign.id)).toEqual([]);
    const found = await findMergeTargets(as(team.member), dup.id, "exports time out");
    expect(found.map((p) => p.id)).not.toContain(foreign.id);

    await expect(findMergeTargets(as(other.owner), dup.id, "export")).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(findMergeTargets(as(await createUser()), dup.id, "export")).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(findMergeTargets(as(team.viewer), dup.id, "export")).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("previewing a merge", () => {
  it("counts what moves, and the counts match the merge", async () => {
    const { team, author, kept, dup } = await duplicates();
    const both = await createUser();
    const dupOnly = await createUser();
    await setVote(as(both), kept.id, true);
    await setVote(as(both), dup.id, true);
    await setVote(as(dupOnly), dup.id, true);
    await setVote(as(author), dup.id, true);
    await setFollow(as(dupOnly), dup.id, true);
    await setFollow(as(both), dup.id, true);
    await setFollow(as(both), kept.id, true);
    await createComment(as(dupOnly), dup.id, { body: "Same here." });
    await createComment(as(author), dup.id, { body: "Still broken." });

    const preview = await previewMerge(as(team.member), dup.id, kept.id);
    expect(preview).toMatchObject({
      duplicate: { id: dup.id, title: "CSV export never finishes", commentCount: 2 },
      kept: { id: kept.id, voteCount: 1, votesAfter: 3, boardName: "Acme feedback" },
      votesMoving: 2,
      votesAlreadyThere: 1,
      followersMoving: 2, // author and dupOnly; `both` already follows the kept problem
      notified: 3, // the author and the three followers, counted once each
    });

    const merged = await mergeProblems(as(team.member), dup.id, kept.id);
    expect(merged).toMatchObject({ movedVotes: 2, movedFollowers: 2, notified: 3 });
    const [keptRow] = await db.select().from(problems).where(eq(problems.id, kept.id));
    expect(keptRow?.voteCount).toBe(preview.kept.votesAfter);
  });

  it("refuses what the merge refuses, and another workspace's problem is not found", async () => {
    const { team, board, dup } = await duplicates();
    const other = await createTeam();
    const foreign = await createProblemRow(
      await createBoardRow(other.workspace.id),
      other.owner.id,
    );
    await expect(previewMerge(as(team.member), dup.id, foreign.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(previewMerge(as(other.owner), dup.id, foreign.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(mergeProblems(as(team.member), dup.id, foreign.id)).rejects.toMatchObject({
      code: "not_found",
    });
    const held = await createProblemRow(board, team.owner.id, { moderationState: "pending" });
    await expect(previewMerge(as(team.member), dup.id, held.id)).rejects.toMatchObject({
      code: "conflict",
    });
    const secret = await createProblemRow(
      await createBoardRow(team.workspace.id, { visibility: "private" }),
      team.owner.id,
    );
    await expect(previewMerge(as(team.member), dup.id, secret.id)).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { keptId: expect.any(Array) },
    });
    const [dupRow] = await db.select().from(problems).where(eq(problems.id, dup.id));
    expect(dupRow?.mergedIntoId).toBeNull();
  });
});

describe("the merge email", () => {
  it("tells the duplicate's author and followers where it went, once each, never the merger", async () => {
    const { team, author, kept, dup } = await duplicates();
    const follower = await createUser();
    const unsubscribed = await createUser();
    await setFollow(as(follower), dup.id, true);
    await setFollow(as(unsubscribed), dup.id, true);
    await setFollow(as(team.member), dup.id, true);
    await setSubscribed(unsubscribed.email, "notification", false);

    await mergeProblems(as(team.member), dup.id, kept.id);

    const [toAuthor] = await emailsTo(author.email, "problem-merged");
    expect(toAuthor).toMatchObject({
      status: "sent",
      subject: "Merged into: Exports time out for large boards",
    });
    expect(toAuthor?.text).toContain("The problem you posted on Acme feedback");
    expect(linkIn(toAuthor!.text!, `/p/${kept.id}`)).toContain(`/p/${kept.id}`);
    expect(toAuthor?.text).toContain("Unsubscribe");

    const [toFollower] = await emailsTo(follower.email, "problem-merged");
    expect(toFollower?.text).toContain("A problem you follow on Acme feedback");
    // Unsubscribed from notifications: written, never delivered.
    expect(await emailsTo(unsubscribed.email, "problem-merged")).toMatchObject([
      { status: "suppressed" },
    ]);
    expect(await emailsTo(team.member.email, "problem-merged")).toEqual([]);

    // A refused second merge sends nothing more.
    await expect(mergeProblems(as(team.member), dup.id, kept.id)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await emailsTo(author.email, "problem-merged")).toHaveLength(1);
  });
});
