// GET /b/[workspace]/[board]/p/[problemId] – a problem: its body, status history, comments and the team's tools
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CommentComposer, commentsClosedReason } from "@/components/board/comment-composer";
import { CommentThread } from "@/components/board/comment-thread";
import { FlagForm, FollowForm } from "@/components/board/engagement-forms";
import { ProblemNotices } from "@/components/board/problem-notices";
import { EditProblemDisclosure } from "@/components/board/problem-forms";
import { PublicFrame } from "@/components/board/public-frame";
import { RelativeTime } from "@/components/board/relative-time";
import { StatusBadge } from "@/components/board/status-badge";
import { StatusTimeline } from "@/components/board/status-timeline";
import { TriagePanel, type MergeState } from "@/components/board/triage-panel";
import { UserMarkdown } from "@/components/board/user-markdown";
import { ProblemImages } from "@/components/board/problem-images";
import { listAttachments } from "@/lib/attachments/record-attachments";
import { VoteButton } from "@/components/board/vote-button";
import type { Principal } from "@/lib/auth/principal";
import { getSession, principalOf } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { isBanned } from "@/lib/moderation/bans";
import { problemUrl } from "@/lib/problems/change-status";
import { getProblemDetail } from "@/lib/problems/get-problem-detail";
import { excerpt } from "@/lib/problems/list-problems";
import { findMergeTargets, previewMerge } from "@/lib/problems/merge-preview";
import { listMembers } from "@/lib/workspaces/get-workspace";

type Params = Promise<{ workspace: string; board: string; problemId: string }>;

/** Not found, unless the problem is on the board the URL names. Read once per request. */
const loadPage = cache(async (workspaceSlug: string, boardSlug: string, problemId: string) => {
  const session = await getSession();
  const viewer = session ? principalOf(session) : null;
  const detail = await getProblemDetail(viewer, problemId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  if (detail.workspace.slug !== workspaceSlug || detail.board.slug !== boardSlug) notFound();
  return { session, viewer, detail };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspace, board, problemId } = await params;
  const { detail } = await loadPage(workspace, board, problemId);
  const { problem } = detail;
  const title = `${problem.title} · ${detail.workspace.name}`;
  const description = excerpt(problem.body, 160);
  const hidden = problem.moderationState !== "approved" || detail.board.visibility === "private";
  return {
    title: { absolute: title },
    description,
    openGraph: {
      type: "article",
      title,
      description,
      url: problemUrl(detail.workspace.slug, detail.board.slug, problem.id),
      publishedTime: problem.createdAt.toISOString(),
      modifiedTime: problem.updatedAt.toISOString(),
    },
    robots: hidden ? { index: false, follow: false } : undefined,
  };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The merge section's search and preview, from `?mergeq=…&into=prb_…` (members who triage). */
async function loadMergeState(
  viewer: Principal,
  problemId: string,
  searchParams: Awaited<SearchParams>,
): Promise<MergeState> {
  const query = typeof searchParams.mergeq === "string" ? searchParams.mergeq.slice(0, 200) : "";
  const into = typeof searchParams.into === "string" ? searchParams.into : "";
  const state: MergeState = { query, targets: null, preview: null, previewError: null };
  const explain = (error: unknown) => {
    if (!isAppError(error)) throw error;
    return error.fieldErrors?.keptId?.[0] ?? error.fieldErrors?.q?.[0] ?? error.message;
  };
  if (query.trim() !== "") {
    state.targets = await findMergeTargets(viewer, problemId, query).catch((error: unknown) => {
      state.previewError = explain(error);
      return [];
    });
  }
  if (into !== "") {
    state.preview = await previewMerge(viewer, problemId, into).catch((error: unknown) => {
      state.previewError = explain(error);
      return null;
    });
  }
  return state;
}

export default async function ProblemPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { workspace: ws, board: boardSlug, problemId } = await params;
  const { session, viewer, detail } = await loadPage(ws, boardSlug, problemId);
  const { problem, board, workspace, comments } = detail;

  const boardPath = `/b/${workspace.slug}/${board.slug}`;
  const path = `${boardPath}/p/${problem.id}`;
  const banned = viewer && !detail.role ? await isBanned(workspace.id, viewer.userId) : false;
  // Not part of the cached detail: a short indexed read, and access was decided just above.
  const images = await listAttachments(problem.id);
  const memberIds = new Set(
    detail.canTriage && viewer
      ? (await listMembers(viewer, workspace.id)).map((member) => member.userId)
      : [],
  );

  const merge =
    viewer && detail.canTriage && !problem.mergedIntoId
      ? await loadMergeState(viewer, problem.id, await searchParams)
      : null;

  const approved = problem.moderationState === "approved";
  const open = approved && !problem.mergedIntoId && board.archivedAt === null;
  const closedReason = commentsClosedReason({
    approved,
    merged: problem.mergedIntoId !== null,
    archived: board.archivedAt !== null,
    closed: problem.status === "closed",
    banned,
  });
  const visibleComments = comments.filter((comment) => comment.body !== null).length;

  return (
    <PublicFrame
      workspaceName={workspace.name}
      userName={session?.user.name ?? null}
      signInNext={path}
    >
      <div className="mx-auto grid max-w-3xl gap-10">
        <Link
          href={boardPath}
          className="w-fit rounded-sm text-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          ← {board.name}
        </Link>

        <article aria-labelledby="problem-title" className="grid gap-6">
          <ProblemNotices
            moderationState={problem.moderationState}
            isAuthor={detail.isAuthor}
            merged={problem.mergedIntoId !== null}
            kept={
              detail.mergedInto
                ? { title: detail.mergedInto.title, href: detail.mergedInto.path }
                : null
            }
          />
          <div className="flex items-start gap-5">
            <VoteButton
              size="lg"
              problemId={problem.id}
              voted={detail.viewerVoted}
              voteCount={problem.voteCount}
              returnTo={path}
              signedIn={viewer !== null}
              interactive={open && !banned}
            />
            <div className="grid min-w-0 gap-2">
              <h1
                id="problem-title"
                className="text-2xl font-semibold tracking-tight wrap-anywhere"
              >
                {problem.title}
              </h1>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
                <StatusBadge status={problem.status} />
                <span>
                  {detail.authorName ?? "Deleted user"} · <RelativeTime date={problem.createdAt} />
                </span>
              </div>
            </div>
          </div>
          <UserMarkdown source={problem.body} className="text-base leading-7" />
          <ProblemImages images={images} />
          <div className="flex flex-wrap items-start gap-3">
            {viewer && !problem.mergedIntoId ? (
              <FollowForm problemId={problem.id} returnTo={path} following={detail.viewerFollows} />
            ) : null}
            {viewer && !detail.isAuthor && approved ? (
              <FlagForm targetType="problem" targetId={problem.id} returnTo={path} />
            ) : null}
          </div>
          {detail.canEdit ? (
            <EditProblemDisclosure
              authorWindow={!detail.canTriage}
              problemId={problem.id}
              returnTo={path}
              title={problem.title}
              body={problem.body}
            />
          ) : null}
        </article>

        {detail.timeline.length > 0 ? (
          <section aria-labelledby="history-heading" className="grid gap-4">
            <h2 id="history-heading" className="text-lg font-semibold tracking-tight">
              Status history
            </h2>
            <StatusTimeline timeline={detail.timeline} />
          </section>
        ) : null}

        {detail.canTriage ? (
          <TriagePanel
            merge={merge ?? { query: "", targets: null, preview: null, previewError: null }}
            problemId={problem.id}
            returnTo={path}
            status={problem.status}
            merged={problem.mergedIntoId !== null}
            workspaceName={workspace.name}
          />
        ) : null}

        <section aria-labelledby="comments-heading" className="grid gap-6">
          <h2 id="comments-heading" className="text-lg font-semibold tracking-tight">
            Comments <span className="font-normal text-muted-foreground">({visibleComments})</span>
          </h2>
          {comments.length > 0 ? (
            <CommentThread
              comments={comments}
              problemId={problem.id}
              returnTo={path}
              viewerId={viewer?.userId ?? null}
              canModerate={detail.canModerate}
              canTriage={detail.canTriage}
              memberIds={memberIds}
              canReply={closedReason === null && viewer !== null}
            />
          ) : (
            <p className="text-sm text-muted-foreground">No comments yet.</p>
          )}
          <div className="border-t pt-6">
            <CommentComposer
              problemId={problem.id}
              returnTo={path}
              signedIn={viewer !== null}
              closedReason={closedReason}
            />
          </div>
        </section>
      </div>
    </PublicFrame>
  );
}
