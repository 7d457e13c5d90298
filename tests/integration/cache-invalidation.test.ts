import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invalidateBoards } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { problems } from "@/lib/db/schema";
import { createComment } from "@/lib/comments/create-comment";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { listPublicProblems } from "@/lib/problems/list-public-problems";
import { setVote } from "@/lib/problems/set-vote";
import { createBoardRow, createProblemRow, createTeam, createUser } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

describe("cached public problem lists", () => {
  it("show every write on the next read: votes, status, comments, new posts, moderation", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { moderationMode: "hold_all" });
    const problem = await createProblemRow(board, team.owner.id, { title: "Cached problem" });
    const read = async () => (await listPublicProblems(board, { status: "all" })).data;

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
    await expect(listPublicProblems(board, { sort: "sideways" })).rejects.toMatchObject({
      fieldErrors: { sort: expect.any(Array) },
    });
  });
});
