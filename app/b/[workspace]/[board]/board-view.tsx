// The board view shared by the per-visitor page and the cached page for signed-out visitors.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BoardHeader } from "@/components/board/board-header";
import { EmptyList, Pager } from "@/components/board/board-list-parts";
import { ListControls } from "@/components/board/list-controls";
import { PostProblemPanel } from "@/components/board/post-problem-panel";
import { ProblemListItem } from "@/components/board/problem-list-item";
import { PublicFrame } from "@/components/board/public-frame";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AuthSession } from "@/lib/auth/auth";
import type { Principal } from "@/lib/auth/principal";
import type { BoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { listProblems, type ProblemPage } from "@/lib/problems/list-problems";
import { listProblemsSchema, STATUS_LABELS } from "@/lib/problems/schemas";

/** Title, description and Open Graph tags of a board page. */
export function boardMetadata(
  board: BoardForViewer["board"],
  workspace: BoardForViewer["workspace"],
): Metadata {
  const title = `${board.name} · ${workspace.name}`;
  const description =
    board.description ||
    `Problems people run into with ${workspace.name}: vote, discuss and follow what the team does.`;
  return {
    title: { absolute: title },
    description,
    openGraph: {
      title,
      description,
      type: "website",
      url: new URL(`/b/${workspace.slug}/${board.slug}`, env.APP_URL).toString(),
    },
    robots: board.visibility === "private" ? { index: false, follow: false } : undefined,
  };
}

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "all", label: "All statuses" },
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

const one = (value: string | string[] | undefined) =>
  typeof value === "string" && value !== "" ? value : undefined;

/**
 * The list options from the query string; a bad one is dropped and explained, never a 500. The
 * parameters read here are BOARD_VIEW_PARAMS (lib/boards/view-params.ts): signed-out visitors
 * with any other parameter get the cached rendering (tests/unit/board-view-params.test.ts).
 */
function parseListOptions(query: Record<string, string | string[] | undefined>) {
  const raw = {
    sort: one(query.sort),
    status: one(query.status),
    q: one(query.q),
    cursor: one(query.cursor),
  };
  const parsed = listProblemsSchema.safeParse(raw);
  if (parsed.success) return { options: parsed.data, notice: null };
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key)));
  const retry = listProblemsSchema.safeParse(kept);
  return {
    options: retry.success ? retry.data : listProblemsSchema.parse({}),
    notice: `${parsed.error.issues[0]?.message ?? "That link is invalid."} Showing the default view instead.`,
  };
}

export async function BoardView({
  session,
  viewer,
  loaded,
  query,
  preloaded,
  stale = false,
}: {
  session: AuthSession | null;
  viewer: Principal | null;
  loaded: BoardForViewer;
  query: Record<string, string | string[] | undefined>;
  /** The default view's list, already loaded (the cached page, possibly a last good copy). */
  preloaded?: ProblemPage;
  /** `preloaded` is a copy kept from before the database became unavailable. */
  stale?: boolean;
}) {
  const { board, workspace, banned } = loaded;
  let { options, notice } = parseListOptions(query);
  if (stale) {
    notice =
      "We can't reach our database right now, so this is a recent copy of the board. " +
      "Try again in a minute to post or vote.";
  }

  let page: ProblemPage;
  try {
    page = preloaded ?? (await listProblems(viewer, board.id, options));
  } catch (error) {
    // Made private (or deleted) since the page loaded the board: listProblems checks it again.
    if (isAppError(error) && error.code === "not_found") notFound();
    if (!isAppError(error) || error.code !== "validation_failed") throw error;
    notice = `${error.message} Showing the first page instead.`;
    options = { ...options, cursor: undefined };
    page = await listProblems(viewer, board.id, options);
  }

  const boardPath = `/b/${workspace.slug}/${board.slug}`;
  const search = (cursor?: string) => {
    const p = new URLSearchParams();
    if (options.sort !== "top") p.set("sort", options.sort);
    if (options.status !== "active") p.set("status", options.status);
    if (options.q) p.set("q", options.q);
    if (cursor) p.set("cursor", cursor);
    const qs = p.toString();
    return qs ? `${boardPath}?${qs}` : boardPath;
  };
  const returnTo = search(options.cursor);
  const archived = board.archivedAt !== null;
  const canVote = !archived && !banned;
  const filterLabel =
    options.status === "active" || options.status === "all" ? null : STATUS_LABELS[options.status];

  return (
    <PublicFrame
      workspaceName={workspace.name}
      userName={session?.user.name ?? null}
      signInNext={returnTo}
    >
      <div className="grid gap-10">
        <BoardHeader board={board} />

        {one(query.deleted) ? (
          <Alert role="status">
            <AlertDescription>The problem was deleted.</AlertDescription>
          </Alert>
        ) : null}

        <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
          <section aria-labelledby="problems-heading" className="grid gap-6">
            <div className="flex items-center justify-between gap-4">
              <h2 id="problems-heading" className="text-lg font-semibold tracking-tight">
                Problems
              </h2>
              <Button asChild size="sm" variant="outline" className="lg:hidden">
                <a href="#post-problem">Post a problem</a>
              </Button>
            </div>
            <ListControls
              action={boardPath}
              sort={options.sort}
              status={options.status}
              q={options.q ?? ""}
              statusOptions={STATUS_OPTIONS}
            />
            {notice ? (
              <Alert variant="destructive" role="status">
                <AlertDescription>{notice}</AlertDescription>
              </Alert>
            ) : null}

            {page.items.length > 0 ? (
              <ol className="divide-y border-y">
                {page.items.map((problem) => (
                  <ProblemListItem
                    key={problem.id}
                    problem={problem}
                    boardPath={boardPath}
                    returnTo={returnTo}
                    signedIn={viewer !== null}
                    canVote={canVote}
                  />
                ))}
              </ol>
            ) : (
              <EmptyList
                q={options.q}
                statusLabel={filterLabel}
                later={Boolean(options.cursor)}
                clearHref={boardPath}
              />
            )}
            <Pager
              firstHref={options.cursor ? search() : null}
              nextHref={page.nextCursor ? search(page.nextCursor) : null}
            />
          </section>

          <PostProblemPanel
            boardId={board.id}
            boardPath={boardPath}
            signInNext={returnTo}
            archived={archived}
            signedIn={viewer !== null}
            banned={banned}
          />
        </div>
      </div>
    </PublicFrame>
  );
}
