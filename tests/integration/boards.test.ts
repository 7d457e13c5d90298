import { describe, expect, it } from "vitest";
import { createBoard } from "@/lib/boards/create-board";
import { getBoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { listBoards } from "@/lib/boards/list-boards";
import { deleteBoard, setBoardArchived, updateBoard } from "@/lib/boards/update-board";
import { createProblem } from "@/lib/problems/create-problem";
import { listProblems } from "@/lib/problems/list-problems";
import { mergeProblems } from "@/lib/problems/merge-problems";
import { createBoardRow, createProblemRow, createTeam, createUser } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

describe("boards", () => {
  it("counts a merged duplicate once, as the board's list does", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const kept = await createProblemRow(board, team.member.id, { title: "CSV export times out" });
    const duplicate = await createProblemRow(board, team.member.id, { title: "Export hangs" });
    await createProblemRow(board, team.member.id, { title: "Digest arrives late" });
    await mergeProblems(as(team.member), duplicate.id, kept.id);

    const listed = await listProblems(as(team.member), board.id, { status: "all" });
    const [counted] = (await listBoards(as(team.member), team.workspace.id)).filter(
      (b) => b.id === board.id,
    );
    expect(listed.items).toHaveLength(2);
    expect(counted).toMatchObject({ problemCount: 2, openCount: 2 });
  });

  it("creates boards with unique addresses and settings that survive a rename", async () => {
    const team = await createTeam();
    const board = await createBoard(as(team.admin), team.workspace.id, {
      name: "Mobile app",
      description: "Problems with the iOS and Android apps",
      visibility: "private",
      moderationMode: "hold_all",
    });
    expect(board.slug).toBe("mobile-app");
    const twin = await createBoard(as(team.admin), team.workspace.id, { name: "Mobile app" });
    expect(twin.slug).toMatch(/^mobile-app-[0-9a-f]{4}$/);
    await expect(
      createBoard(as(team.admin), team.workspace.id, { name: "Other", slug: "mobile-app" }),
    ).rejects.toMatchObject({ code: "conflict", fieldErrors: { slug: expect.any(Array) } });
    await expect(
      createBoard(as(team.admin), team.workspace.id, { name: "X", slug: "Bad Slug!" }),
    ).rejects.toMatchObject({ fieldErrors: { name: expect.any(Array), slug: expect.any(Array) } });

    const renamed = await updateBoard(as(team.owner), team.workspace.id, board.id, {
      name: "iOS app",
    });
    expect(renamed).toMatchObject({
      name: "iOS app",
      slug: "mobile-app",
      description: "Problems with the iOS and Android apps",
      visibility: "private",
      moderationMode: "hold_all",
    });
    await expect(
      updateBoard(as(team.owner), team.workspace.id, board.id, { slug: twin.slug }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("archived boards leave the list and take no new problems; deleted boards are gone", async () => {
    const team = await createTeam();
    const board = await createBoard(as(team.owner), team.workspace.id, { name: "Old ideas" });
    await setBoardArchived(as(team.owner), team.workspace.id, board.id, true);
    expect((await listBoards(as(team.viewer), team.workspace.id)).map((b) => b.id)).not.toContain(
      board.id,
    );
    expect(
      (await listBoards(as(team.viewer), team.workspace.id, { includeArchived: true })).map(
        (b) => b.id,
      ),
    ).toContain(board.id);
    await expect(
      createProblem(as(await createUser()), board.id, { title: "Still broken", body: "x" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await setBoardArchived(as(team.owner), team.workspace.id, board.id, false);
    await deleteBoard(as(team.owner), team.workspace.id, board.id);
    await expect(getBoardForViewer(null, team.workspace.slug, board.slug)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
