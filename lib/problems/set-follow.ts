import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { follows } from "@/lib/db/schema";
import { loadProblem } from "./load-problem";

/** Follow a problem (status-change emails) or stop following it. Idempotent. */
export async function setFollow(
  principal: Principal,
  problemId: string,
  follow: boolean,
): Promise<{ following: boolean }> {
  await loadProblem(principal, problemId);
  if (follow) {
    await db.insert(follows).values({ problemId, userId: principal.userId }).onConflictDoNothing();
  } else {
    await db
      .delete(follows)
      .where(and(eq(follows.problemId, problemId), eq(follows.userId, principal.userId)));
  }
  return { following: follow };
}
