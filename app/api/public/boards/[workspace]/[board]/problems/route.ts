// GET /api/public/boards/{workspace}/{board}/problems – a public board's problems as JSON
// (sort, status, q, cursor, limit), cached and invalidated on every write; private boards are 404.
import { problemResponse } from "@/lib/http/problem";
import { listPublicProblems } from "@/lib/problems/list-public-problems";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ workspace: string; board: string }> },
) {
  const { workspace, board: boardSlug } = await params;
  const url = new URL(request.url);
  try {
    const page = await listPublicProblems(
      workspace,
      boardSlug,
      Object.fromEntries(url.searchParams),
    );
    return Response.json(page, {
      headers: { "cache-control": "public, max-age=0, must-revalidate" },
    });
  } catch (error) {
    return problemResponse(error, url.pathname);
  }
}
