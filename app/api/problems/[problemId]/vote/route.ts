// PUT /api/problems/{problemId}/vote – set the signed-in user's vote: body {"voted": true|false}
import { z } from "zod";
import { readSession } from "@/lib/auth/read-session";
import { readJsonWithLimit } from "@/lib/http/body-limit";
import { clientIp } from "@/lib/http/client-ip";
import { problem, problemResponse } from "@/lib/http/problem";
import { checkWriteLimits } from "@/lib/ratelimit/limit-writes";
import { rateLimitHeaders } from "@/lib/ratelimit/rate-limiter";
import { isSameOrigin } from "@/lib/http/same-origin";
import { setVote } from "@/lib/problems/set-vote";
import { parseInput } from "@/lib/validation";

const bodySchema = z.object({ voted: z.boolean({ error: "Send voted: true or false." }) });

export async function PUT(
  request: Request,
  { params }: { params: Promise<{ problemId: string }> },
) {
  const { problemId } = await params;
  const instance = `/api/problems/${problemId}/vote`;
  if (!isSameOrigin(request.headers)) {
    return problem(403, "forbidden", "Cross-site requests are not allowed.", instance);
  }
  try {
    const user = (await readSession(request.headers))?.user;
    if (!user) return problem(401, "unauthorized", "Sign in to vote.", instance);
    const { refused, current } = await checkWriteLimits(user.id, clientIp(request.headers));
    if (refused) {
      const response = problem(429, "rate_limited", "Too many votes. Wait a moment.", instance);
      for (const [name, value] of Object.entries(rateLimitHeaders(refused))) {
        response.headers.set(name, value);
      }
      return response;
    }
    const body = await readJsonWithLimit(request);
    const { voted } = parseInput(bodySchema, body);
    const result = await setVote({ userId: user.id, platformRole: user.role }, problemId, voted);
    return Response.json(result, {
      headers: { "cache-control": "no-store", ...rateLimitHeaders(current) },
    });
  } catch (error) {
    return problemResponse(error, instance);
  }
}
