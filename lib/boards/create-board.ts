import { and, eq } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { boards, type Board } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { slugify } from "@/lib/workspaces/schemas";
import { boardInputSchema } from "./schemas";

/** Create a board in a workspace (owners and admins). Its slug is unique in the workspace. */
export async function createBoard(
  principal: Principal,
  workspaceId: string,
  input: unknown,
): Promise<Board> {
  await requirePermission(principal, workspaceId, "board:create");
  const data = parseInput(boardInputSchema, input);
  const slug = data.slug ?? (slugify(data.name) || "board");
  const [taken] = await db
    .select({ id: boards.id })
    .from(boards)
    .where(and(eq(boards.workspaceId, workspaceId), eq(boards.slug, slug)));
  if (taken) {
    throw new AppError("conflict", "A board with that address exists.", {
      slug: [`This workspace already has a board at "${slug}". Choose another address.`],
    });
  }
  const [board] = await db
    .insert(boards)
    .values({ id: createId("brd"), workspaceId, ...data, slug })
    .returning();
  return board!;
}
