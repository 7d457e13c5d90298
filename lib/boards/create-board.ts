import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { reserveCapacity } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { boards, type Board } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { slugify } from "@/lib/workspaces/schemas";
import { boardInputSchema, isUniqueViolation, slugTaken } from "./schemas";

/** Create a board in a workspace (owners and admins). Its slug is unique in the workspace. */
export async function createBoard(
  principal: Principal,
  workspaceId: string,
  input: unknown,
): Promise<Board> {
  await requirePermission(principal, workspaceId, "board:create");
  const data = parseInput(boardInputSchema, input);
  const derived = slugify(data.name);
  let slug =
    data.slug ?? (derived.length >= 2 ? derived : `board-${randomBytes(2).toString("hex")}`);
  const [taken] = await db
    .select({ id: boards.id })
    .from(boards)
    .where(and(eq(boards.workspaceId, workspaceId), eq(boards.slug, slug)));
  if (taken && data.slug) throw slugTaken(slug);
  // An address made from the name gets a suffix instead of an error about a field left blank.
  if (taken) slug = `${slug.slice(0, 40)}-${randomBytes(2).toString("hex")}`;
  try {
    return await db.transaction(async (tx) => {
      await reserveCapacity(tx, workspaceId, "boards");
      const [board] = await tx
        .insert(boards)
        .values({ id: createId("brd"), workspaceId, ...data, slug })
        .returning();
      await recordAudit(tx, {
        workspaceId,
        actor: actorOf(principal),
        action: "board.created",
        target: { type: "board", id: board!.id },
        metadata: { name: board!.name, slug: board!.slug, visibility: board!.visibility },
      });
      return board!;
    });
  } catch (error) {
    // Two requests raced for the same address: the unique index decides.
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}
