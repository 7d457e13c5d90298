// GET /api/problems/{problemId}/merge-targets?q= – problems this one can be merged into (members
// who triage), found with the board's search; powers the merge picker's search-as-you-type.
import { z } from "zod";
import { readSession } from "@/lib/auth/read-session";
import { problem, problemResponse } from "@/lib/http/problem";
import { findMergeTargets } from "@/lib/problems/merge-preview";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  q: z.string().max(200, "Search for at most 200 characters.").default(""),
});

export async function GET(
  request: Request,
  { params }: { params: Promise<{ problemId: string }> },
) {
  const { problemId } = await params;
  const instance = `/api/problems/${problemId}/merge-targets`;
  try {
    const user = (await readSession(request.headers))?.user;
    if (!user) return problem(401, "unauthorized", "Sign in to merge problems.", instance);
    const { q } = parseInput(querySchema, Object.fromEntries(new URL(request.url).searchParams));
    const items = await findMergeTargets(
      { userId: user.id, platformRole: user.role },
      problemId,
      q,
    );
    return Response.json({ items }, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    return problemResponse(error, instance);
  }
}
