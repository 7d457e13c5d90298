import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listRoute } from "@/app/api/public/boards/[workspace]/[board]/problems/route";
import { PUT as voteRoute } from "@/app/api/problems/[problemId]/vote/route";
import { db } from "@/lib/db";
import { problems } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { signIn } from "../support/auth-client";
import {
  createBoardRow,
  createProblemRow,
  createTeam,
  createUser,
  TEST_PASSWORD,
} from "../support/factories";

const origin = new URL(env.APP_URL).origin;

function list(workspace: string, board: string, query = "") {
  return listRoute(
    new Request(`${origin}/api/public/boards/${workspace}/${board}/problems${query}`),
    {
      params: Promise.resolve({ workspace, board }),
    },
  );
}

function vote(problemId: string, body: unknown, headers: Record<string, string>) {
  return voteRoute(
    new Request(`${origin}/api/problems/${problemId}/vote`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ problemId }) },
  );
}

describe("public problem list JSON", () => {
  it("lists a public board's problems and searches them; private boards are 404", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const hidden = await createBoardRow(team.workspace.id, { visibility: "private" });
    await createProblemRow(board, team.owner.id, { title: "Invoices lack tax numbers" });
    await createProblemRow(board, team.owner.id, { title: "Dark mode is too dark" });
    const all = await list(team.workspace.slug, board.slug);
    expect(all.status).toBe(200);
    const body = (await all.json()) as { data: { title: string }[]; nextCursor: string | null };
    expect(body.data).toHaveLength(2);
    const found = (await (
      await list(team.workspace.slug, board.slug, "?q=invoices")
    ).json()) as typeof body;
    expect(found.data.map((p) => p.title)).toEqual(["Invoices lack tax numbers"]);

    const bad = await list(team.workspace.slug, board.slug, "?sort=random");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(await bad.json()).toMatchObject({
      code: "validation_failed",
      errors: { sort: expect.any(Array) },
    });
    expect((await list(team.workspace.slug, hidden.slug)).status).toBe(404);
  });
});

describe("vote JSON", () => {
  it("sets the signed-in user's vote; refuses anonymous, cross-site and malformed requests", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, team.owner.id);
    const voter = await createUser();
    const { cookie } = await signIn(voter.email, TEST_PASSWORD);

    const ok = await vote(problem.id, { voted: true }, { cookie, origin });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ voted: true, voteCount: 1 });
    expect((await vote(problem.id, { voted: true }, { cookie, origin })).status).toBe(200);

    expect((await vote(problem.id, { voted: false }, { origin })).status).toBe(401);
    expect(
      (await vote(problem.id, { voted: false }, { cookie, origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await vote(problem.id, { voted: false }, { cookie })).status).toBe(403);
    const malformed = await vote(problem.id, { voted: "yes" }, { cookie, origin });
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ errors: { voted: expect.any(Array) } });
    expect((await vote("prb_missing", { voted: true }, { cookie, origin })).status).toBe(404);

    const [row] = await db.select().from(problems).where(eq(problems.id, problem.id));
    expect(row?.voteCount).toBe(1);
  });
});

describe("write limits", () => {
  // The sliding window weighs the previous fixed window (as Upstash's does), so a burst that
  // straddles a minute boundary may be let through once more. The clock stands still here, half a
  // minute into a minute in the last minute, so every count is exact.
  beforeAll(() => {
    const now = Date.now();
    const halfway = now - (now % 60_000) + 30_000;
    vi.useFakeTimers({ toFake: ["Date"], now: halfway <= now ? halfway : halfway - 60_000 });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("refuses a user's writes past the limit with 429 and rate-limit headers", async () => {
    const { POLICIES } = await import("@/lib/ratelimit/policies");
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblemRow(board, team.owner.id);
    const voter = await createUser();
    const { cookie } = await signIn(voter.email, TEST_PASSWORD);
    const { limit } = POLICIES["public:write:user"];
    const responses: Response[] = [];
    for (let i = 0; i <= limit; i++) {
      responses.push(await vote(problem.id, { voted: i % 2 === 0 }, { cookie, origin }));
    }
    const statuses = responses.map((response) => response.status);
    expect(statuses.slice(0, limit).every((s) => s === 200)).toBe(true);
    // Allowed writes say how many are left; none carries Retry-After.
    expect(responses[0]!.headers.get("ratelimit-limit")).toBe(String(limit));
    expect(responses[0]!.headers.get("ratelimit-remaining")).toBe(String(limit - 1));
    expect(responses[limit - 1]!.headers.get("ratelimit-remaining")).toBe("0");
    expect(responses[0]!.headers.get("retry-after")).toBeNull();
    const refused = await vote(problem.id, { voted: true }, { cookie, origin });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
  });
});
