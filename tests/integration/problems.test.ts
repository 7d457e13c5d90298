import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { drainJobs } from "@/lib/jobs/worker";
import { emailOutbox, follows, problems, statusChanges, votes } from "@/lib/db/schema";
import { updateBoard } from "@/lib/boards/update-board";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { deleteProblem, updateProblem } from "@/lib/problems/edit-problem";
import { getProblemDetail } from "@/lib/problems/get-problem-detail";
import { listProblems } from "@/lib/problems/list-problems";
import { mergeProblems } from "@/lib/problems/merge-problems";
import { setVote, toggleVote } from "@/lib/problems/set-vote";
import { setFollow } from "@/lib/problems/set-follow";
import { createId } from "@/lib/ids";
import { createBoardRow, createProblemRow, createTeam, createUser } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

async function problemCount(boardId: string) {
  const [row] = await db.select({ n: count() }).from(problems).where(eq(problems.boardId, boardId));
  return row?.n ?? 0;
}

describe("posting a problem", () => {
  it("publishes on an open board and makes the author a follower", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const problem = await createProblem(as(customer), board.id, {
      title: "  Exports time out  ",
      body: "Large exports never finish.",
    });
    expect(problem).toMatchObject({
      title: "Exports time out",
      status: "open",
      moderationState: "approved",
    });
    const [follow] = await db.select().from(follows).where(eq(follows.problemId, problem.id));
    expect(follow?.userId).toBe(customer.id);
  });

  it("rejects bad titles and bodies by field, writing nothing", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const cases: [unknown, string][] = [
      [{ title: "Bug", body: "x" }, "title"],
      [{ title: "x".repeat(141), body: "x" }, "title"],
      [{ title: "A real title", body: "   " }, "body"],
      [{ title: "A real title", body: "x".repeat(10_001) }, "body"],
      [{ title: 42, body: "x" }, "title"],
    ];
    for (const [input, field] of cases) {
      await expect(createProblem(as(customer), board.id, input)).rejects.toMatchObject({
        code: "validation_failed",
        fieldErrors: { [field]: expect.any(Array) },
      });
    }
    expect(await problemCount(board.id)).toBe(0);
  });

  it("holds first posts from new authors until one is approved", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { moderationMode: "hold_first" });
    const customer = await createUser();
    const first = await createProblem(as(customer), board.id, {
      title: "First problem here",
      body: "x",
    });
    expect(first).toMatchObject({
      moderationState: "pending",
      moderationReason: "First post from this author",
    });
    await db.update(problems).set({ moderationState: "approved" }).where(eq(problems.id, first.id));
    const second = await createProblem(as(customer), board.id, {
      title: "Second problem here",
      body: "x",
    });
    expect(second.moderationState).toBe("approved");
    const byMember = await createProblem(as(team.member), board.id, {
      title: "Member's own problem",
      body: "x",
    });
    expect(byMember.moderationState).toBe("approved");
  });

  it("holds everything on a hold-all board, and content with blocked words or many links", async () => {
    const team = await createTeam();
    const holdAll = await createBoardRow(team.workspace.id, { moderationMode: "hold_all" });
    const open = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    expect(
      (await createProblem(as(customer), holdAll.id, { title: "Held for review", body: "x" }))
        .moderationState,
    ).toBe("pending");
    const { updateModerationSettings } = await import("@/lib/moderation/moderation-queue");
    await updateModerationSettings(as(team.owner), team.workspace.id, {
      blockedWords: ["casino"],
      maxLinks: 2,
    });
    const worded = await createProblem(as(customer), open.id, {
      title: "Great Casino offers",
      body: "x",
    });
    expect(worded).toMatchObject({
      moderationState: "pending",
      moderationReason: "Contains a blocked word",
    });
    const linky = await createProblem(as(customer), open.id, {
      title: "Links everywhere",
      body: "https://a.example https://b.example https://c.example",
    });
    expect(linky).toMatchObject({
      moderationState: "pending",
      moderationReason: "Contains 3 links",
    });
  });

  it("refuses archived boards", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id, { archivedAt: new Date() });
    await expect(
      createProblem(as(team.member), board.id, { title: "Too late now", body: "x" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await problemCount(board.id)).toBe(0);
  });
});

describe("votes", () => {
  it("counts 50 concurrent votes from different users exactly", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, team.owner.id);
    const voters = await Promise.all(Array.from({ length: 50 }, () => createUser()));
    await Promise.all(voters.map((v) => setVote(as(v), problem.id, true)));
    const [row] = await db.select().from(problems).where(eq(problems.id, problem.id));
    expect(row?.voteCount).toBe(50);
    const [rows] = await db
      .select({ n: count() })
      .from(votes)
      .where(eq(votes.problemId, problem.id));
    expect(rows?.n).toBe(50);
  });

  it("keeps one user's 20 concurrent toggles consistent, and repeated votes are one vote", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, team.owner.id);
    const user = await createUser();
    await Promise.all(Array.from({ length: 20 }, () => toggleVote(as(user), problem.id)));
    const [row] = await db.select().from(problems).where(eq(problems.id, problem.id));
    const [actual] = await db
      .select({ n: count() })
      .from(votes)
      .where(eq(votes.problemId, problem.id));
    expect(row?.voteCount).toBe(actual?.n);
    expect([0, 1]).toContain(row?.voteCount);

    await setVote(as(user), problem.id, true);
    await setVote(as(user), problem.id, true);
    expect((await setVote(as(user), problem.id, true)).voteCount).toBe(1);
    expect((await setVote(as(user), problem.id, false)).voteCount).toBe(0);
  });

  it("refuses votes on held, merged and deleted problems", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const held = await createProblemRow(board, customer.id, { moderationState: "pending" });
    await expect(setVote(as(customer), held.id, true)).rejects.toMatchObject({ code: "conflict" });
    await expect(setVote(as(await createUser()), held.id, true)).rejects.toMatchObject({
      code: "not_found",
    });
    const gone = await createProblemRow(board, customer.id);
    await deleteProblem(as(team.member), gone.id);
    await expect(setVote(as(customer), gone.id, true)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select().from(votes).where(eq(votes.problemId, held.id))).toHaveLength(0);
  });
});

describe("listing and search", () => {
  it("sorts by top and new, filters by status and pages with a cursor without repeats", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await createProblemRow(board, team.owner.id, {
          title: `Problem number ${i}`,
          voteCount: i % 3,
          status: i === 6 ? "solved" : "open",
          createdAt: new Date(Date.now() - i * 60_000),
        }),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listProblems(null, board.id, { sort: "top", limit: 2, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const top = await listProblems(null, board.id, { sort: "top", limit: 10 });
    const counts = top.items.map((p) => p.voteCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const fresh = await listProblems(null, board.id, { sort: "new", limit: 3 });
    expect(fresh.items.map((p) => p.title)).toEqual([
      "Problem number 0",
      "Problem number 1",
      "Problem number 2",
    ]);
    const next = await listProblems(null, board.id, {
      sort: "new",
      limit: 3,
      cursor: fresh.nextCursor!,
    });
    expect(next.items.map((p) => p.title)).toEqual([
      "Problem number 3",
      "Problem number 4",
      "Problem number 5",
    ]);

    const solved = await listProblems(null, board.id, { status: "solved" });
    expect(solved.items.map((p) => p.title)).toEqual(["Problem number 6"]);
    expect((await listProblems(null, board.id, { status: "all" })).items).toHaveLength(7);
  });

  it("finds problems by words in the body and by a misspelt title", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    await createProblemRow(board, team.owner.id, {
      title: "Invoices are missing VAT",
      body: "Accounting needs tax numbers.",
    });
    await createProblemRow(board, team.owner.id, {
      title: "Dark mode hurts my eyes",
      body: "Too much contrast.",
    });
    const byBody = await listProblems(null, board.id, { q: "accounting" });
    expect(byBody.items.map((p) => p.title)).toEqual(["Invoices are missing VAT"]);
    const typo = await listProblems(null, board.id, { q: "invoises missing" });
    expect(typo.items.map((p) => p.title)).toContain("Invoices are missing VAT");
    expect((await listProblems(null, board.id, { q: "nothing like this" })).items).toEqual([]);
  });

  it("lists a private board only for its members: anyone else gets not_found, before any parsing", async () => {
    const team = await createTeam();
    const other = await createTeam();
    const board = await createBoardRow(team.workspace.id, { visibility: "private" });
    const secret = await createProblemRow(board, team.member.id, { title: "Internal roadmap" });
    const customer = await createUser();
    for (const [who, viewer] of [
      ["signed-out visitor", null],
      ["customer", as(customer)],
      ["member of another workspace", as(other.owner)],
    ] as const) {
      await expect(listProblems(viewer, board.id), who).rejects.toMatchObject({
        code: "not_found",
        status: 404,
      });
      // A refused caller learns nothing from validation either.
      await expect(listProblems(viewer, board.id, { cursor: "bad" }), who).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(listProblems(viewer, board.id, { q: "roadmap" }), who).rejects.toMatchObject({
        code: "not_found",
      });
    }
    await expect(listProblems(null, "brd_unknown")).rejects.toMatchObject({ code: "not_found" });
    for (const member of [team.owner, team.viewer]) {
      const page = await listProblems(as(member), board.id);
      expect(page.items.map((p) => p.id)).toEqual([secret.id]);
    }
  });

  it("hides held and merged problems and rejects bad options by field", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    await createProblemRow(board, team.owner.id, { moderationState: "pending" });
    await createProblemRow(board, team.owner.id, { moderationState: "spam" });
    expect((await listProblems(null, board.id, { status: "all" })).items).toEqual([]);
    await expect(listProblems(null, board.id, { status: "weird" as never })).rejects.toMatchObject({
      fieldErrors: { status: expect.any(Array) },
    });
    await expect(listProblems(null, board.id, { cursor: "not-a-cursor" })).rejects.toMatchObject({
      fieldErrors: { cursor: expect.any(Array) },
    });
    // Hand-made or cross-sort cursors are refused as bad input, never reach SQL.
    const forged = Buffer.from(JSON.stringify({ s: "new:", k: ["x", "prb_1"] })).toString(
      "base64url",
    );
    await expect(
      listProblems(null, board.id, { sort: "new", cursor: forged }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    for (let i = 0; i < 3; i++) await createProblemRow(board, team.owner.id);
    const newer = await listProblems(null, board.id, { sort: "new", limit: 1 });
    await expect(
      listProblems(null, board.id, { sort: "top", cursor: newer.nextCursor! }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("status changes", () => {
  it("records the change and emails each follower once, never the person who changed it", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const author = await createUser();
    const fan = await createUser();
    const problem = await createProblem(as(author), board.id, {
      title: "Search is slow",
      body: "x",
    });
    await setFollow(as(fan), problem.id, true);
    await setFollow(as(team.member), problem.id, true);

    await changeStatus(as(team.member), problem.id, { status: "planned", note: "Next sprint." });
    await drainJobs();
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "problem-status-changed"));
    expect(mails.map((m) => m.to).sort()).toEqual([author.email, fan.email].sort());
    expect(mails[0]?.subject).toBe("Planned: Search is slow");
    expect(mails[0]?.text).toContain("Next sprint.");
    const [change] = await db
      .select()
      .from(statusChanges)
      .where(eq(statusChanges.problemId, problem.id));
    expect(change).toMatchObject({ fromStatus: "open", toStatus: "planned", note: "Next sprint." });

    await expect(
      changeStatus(as(team.member), problem.id, { status: "planned" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(
      changeStatus(as(team.member), problem.id, { status: "shipped" }),
    ).rejects.toMatchObject({
      fieldErrors: { status: expect.any(Array) },
    });
    expect(
      await db.select().from(emailOutbox).where(eq(emailOutbox.template, "problem-status-changed")),
    ).toHaveLength(2);
  });
});

describe("editing", () => {
  it("lets authors edit for an hour and members always", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const author = await createUser();
    const problem = await createProblemRow(board, author.id);
    expect((await updateProblem(as(author), problem.id, { title: "Better title now" })).title).toBe(
      "Better title now",
    );
    await db
      .update(problems)
      .set({ createdAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(problems.id, problem.id));
    await expect(
      updateProblem(as(author), problem.id, { title: "Too late to edit" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(
      (await updateProblem(as(team.member), problem.id, { body: "Clarified by the team." })).body,
    ).toBe("Clarified by the team.");
  });
});

describe("merging duplicates", () => {
  it("moves votes and followers exactly once and closes the duplicate", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const kept = await createProblemRow(board, team.owner.id);
    const dup = await createProblemRow(board, team.owner.id);
    const both = await createUser();
    const dupOnly = await createUser();
    await setVote(as(both), kept.id, true);
    await setVote(as(both), dup.id, true);
    await setVote(as(dupOnly), dup.id, true);
    await setFollow(as(dupOnly), dup.id, true);

    await mergeProblems(as(team.member), dup.id, kept.id);
    const [keptRow] = await db.select().from(problems).where(eq(problems.id, kept.id));
    const [dupRow] = await db.select().from(problems).where(eq(problems.id, dup.id));
    expect(keptRow?.voteCount).toBe(2);
    expect(dupRow).toMatchObject({ voteCount: 0, mergedIntoId: kept.id, status: "closed" });
    const followers = await db.select().from(follows).where(eq(follows.problemId, kept.id));
    expect(followers.map((f) => f.userId)).toContain(dupOnly.id);

    await expect(mergeProblems(as(team.member), dup.id, kept.id)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(mergeProblems(as(team.member), kept.id, kept.id)).rejects.toMatchObject({
      code: "validation_failed",
    });
    const [again] = await db
      .select()
      .from(problems)
      .where(and(eq(problems.id, kept.id)));
    expect(again?.voteCount).toBe(2);
  });
});

describe("merging across visibility", () => {
  it("refuses to merge a public problem into one on a private board, naming the target", async () => {
    const team = await createTeam();
    const open = await createBoardRow(team.workspace.id);
    const secret = await createBoardRow(team.workspace.id, { visibility: "private" });
    const dup = await createProblemRow(open, team.owner.id);
    const kept = await createProblemRow(secret, team.owner.id, { title: "Acquisition of Initech" });
    const voter = await createUser();
    await setVote(as(voter), dup.id, true);

    const refusal = mergeProblems(as(team.member), dup.id, kept.id);
    await expect(refusal).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { keptId: [expect.stringContaining("“Acquisition of Initech”")] },
    });
    // …and the other way round.
    const privateDup = await createProblemRow(secret, team.owner.id);
    const publicKept = await createProblemRow(open, team.owner.id);
    await expect(
      mergeProblems(as(team.member), privateDup.id, publicKept.id),
    ).rejects.toMatchObject({ code: "conflict", fieldErrors: { keptId: expect.any(Array) } });

    // Nothing moved, nothing was noted.
    const [dupRow] = await db.select().from(problems).where(eq(problems.id, dup.id));
    expect(dupRow).toMatchObject({ mergedIntoId: null, status: "open", voteCount: 1 });
    expect(
      await db.select().from(statusChanges).where(eq(statusChanges.problemId, dup.id)),
    ).toEqual([]);
  });

  it("names the kept problem only to viewers who may see it", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const roadmap = await createBoardRow(team.workspace.id);
    const dup = await createProblemRow(board, team.owner.id);
    const kept = await createProblemRow(roadmap, team.owner.id, { title: "Project Nightingale" });
    await mergeProblems(as(team.member), dup.id, kept.id);

    // Public on both sides: everyone sees where it went.
    expect((await getProblemDetail(null, dup.id)).mergedInto).toMatchObject({
      id: kept.id,
      title: "Project Nightingale",
    });

    // The kept problem's board goes private afterwards: visitors learn only that it was merged.
    await updateBoard(as(team.owner), team.workspace.id, roadmap.id, { visibility: "private" });
    const visitor = await getProblemDetail(null, dup.id);
    const customer = await getProblemDetail(as(await createUser()), dup.id);
    for (const detail of [visitor, customer]) {
      expect(detail.mergedInto).toBeNull();
      expect(detail.problem.mergedIntoId).toBe(kept.id);
      expect(JSON.stringify(detail)).not.toContain("Nightingale");
      expect(detail.timeline.map((entry) => entry.note)).toEqual(["Merged as a duplicate."]);
    }
    // The team still gets the link.
    expect((await getProblemDetail(as(team.viewer), dup.id)).mergedInto?.title).toBe(
      "Project Nightingale",
    );
  });

  it("hides the title that older merges wrote into the status note", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const secret = await createBoardRow(team.workspace.id, { visibility: "private" });
    const kept = await createProblemRow(secret, team.owner.id, { title: "Layoffs in March" });
    const dup = await createProblemRow(board, team.owner.id, {
      mergedIntoId: kept.id,
      status: "closed",
    });
    await db.insert(statusChanges).values({
      id: createId("stc"),
      problemId: dup.id,
      actorId: team.member.id,
      fromStatus: "open",
      toStatus: "closed",
      note: "Merged into “Layoffs in March”.",
    });

    const visitor = await getProblemDetail(null, dup.id);
    expect(JSON.stringify(visitor)).not.toContain("Layoffs");
    expect(visitor.timeline.map((entry) => entry.note)).toEqual(["Merged as a duplicate."]);
    const member = await getProblemDetail(as(team.member), dup.id);
    expect(member.timeline.map((entry) => entry.note)).toEqual(["Merged into “Layoffs in March”."]);
  });
});
