import { and, eq } from "drizzle-orm";
import { hasPermission, isRole, type Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { boards, members, problems, workspaces, type Board, type Problem } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";

export interface ProblemAccess {
  problem: Problem;
  board: Board;
  workspace: { id: string; slug: string; name: string };
  role: Role | null;
  /** Whether the viewer may see it: published, or their own, or they moderate the workspace. */
  canModerate: boolean;
  canTriage: boolean;
  isAuthor: boolean;
}

/**
 * A problem with what the viewer may do to it. Private boards' problems, and held problems of
 * other authors, are not found for anyone outside the workspace's moderators.
 */
export async function loadProblem(
  viewer: Principal | null,
  problemId: string,
): Promise<ProblemAccess> {
  if (!isId(problemId)) throw new AppError("not_found", "Problem not found.");
  // The problem, its board and workspace, and the viewer's role there, in one query.
  const [row] = await db
    .select({
      problem: problems,
      board: boards,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
      memberRole: members.role,
    })
    .from(problems)
    .innerJoin(boards, eq(boards.id, problems.boardId))
    .innerJoin(workspaces, eq(workspaces.id, problems.workspaceId))
    .leftJoin(
      members,
      and(
        eq(members.organizationId, problems.workspaceId),
        eq(members.userId, viewer?.userId ?? ""),
      ),
    )
    .where(eq(problems.id, problemId));
  if (!row) throw new AppError("not_found", "Problem not found.");
  return accessTo(viewer, row, row.memberRole);
}

/**
 * What `viewer`, whose role in the problem's workspace is `memberRole` (null: not a member), may
 * do with it; not_found when they may not see it. The one place these rules live: loadProblem and
 * the cached problem detail both decide through it.
 */
export function accessTo(
  viewer: Principal | null,
  found: Pick<ProblemAccess, "problem" | "board" | "workspace">,
  memberRole: string | null,
): ProblemAccess {
  const role = viewer && isRole(memberRole) ? memberRole : null;
  const canModerate = role ? hasPermission(role, "problem:moderate") : false;
  const canTriage = role ? hasPermission(role, "problem:triage") : false;
  const isAuthor = Boolean(viewer && found.problem.authorId === viewer.userId);
  if (found.board.visibility === "private" && !role) {
    throw new AppError("not_found", "Problem not found.");
  }
  if (found.problem.moderationState !== "approved" && !isAuthor && !canModerate) {
    throw new AppError("not_found", "Problem not found.");
  }
  return {
    problem: found.problem,
    board: found.board,
    workspace: found.workspace,
    role,
    canModerate,
    canTriage,
    isAuthor,
  };
}

/** The problem must be published and open to new activity (votes, comments). */
export function assertInteractive(access: ProblemAccess, action: string): void {
  if (access.problem.moderationState !== "approved") {
    throw new AppError("conflict", `You can't ${action} a problem that is awaiting review.`);
  }
  if (access.problem.mergedIntoId) {
    throw new AppError("conflict", `This problem was merged into another; ${action} that one.`);
  }
  if (access.board.archivedAt) {
    throw new AppError("conflict", "This board is archived and read-only.");
  }
}
