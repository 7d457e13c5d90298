// Server actions for public boards and problem pages (post, vote, follow, comment, flag, triage).
"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/auth/form-state";
import type { Principal } from "@/lib/auth/principal";
import { principalOf, requireSession } from "@/lib/auth/session";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment, setPinned, updateComment } from "@/lib/comments/manage-comment";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { assertWithinWriteLimits } from "@/lib/ratelimit/limit-writes";
import { flagContent } from "@/lib/moderation/flag-content";
import { changeStatus } from "@/lib/problems/change-status";
import { MAX_ATTACHMENTS_PER_POST } from "@/lib/attachments/limits";
import { checkUploadShape } from "@/lib/attachments/process-image";
import type { ImageUpload } from "@/lib/attachments/stage-attachments";
import { createProblem } from "@/lib/problems/create-problem";
import { deleteProblem, updateProblem } from "@/lib/problems/edit-problem";
import { mergeProblems } from "@/lib/problems/merge-problems";
import { STATUS_LABELS } from "@/lib/problems/schemas";
import { setFollow } from "@/lib/problems/set-follow";
import { setVote } from "@/lib/problems/set-vote";

/** Our public ids: `prb_…`, `cmt_…`, `brd_…`. */
const id = z
  .string()
  .regex(/^[a-z]+_[a-z0-9]+$/)
  .max(64);
const text = z.string().optional();
const flag = z.enum(["1", "0"]).transform((value) => value === "1");
const segment = "[a-z0-9][a-z0-9_-]*";
/** Where the form came from: a board or problem page of ours, never another origin. */
const returnToSchema = z
  .string()
  .regex(new RegExp(`^/b/${segment}/${segment}(?:/p/${segment})?(?:\\?[^#\\s\\\\]*)?$`, "i"))
  .refine((value) => safeRedirectPath(value, null) !== null);

const STALE_FORM: FormState = { error: "This form is out of date. Reload the page and try again." };

/** The validated page the form came from, its board page, and that board's problem pages. */
function pathsOf(returnTo: string) {
  const [, , workspace, board] = returnTo.split("?")[0]!.split("/");
  const boardPath = `/b/${workspace}/${board}`;
  return { board: boardPath, problem: (problemId: string) => `${boardPath}/p/${problemId}` };
}
type Paths = ReturnType<typeof pathsOf>;

function refresh(...paths: string[]): void {
  for (const path of paths) revalidatePath(path);
}

/**
 * The shared steps of every action: check where to return, require a session (or send the
 * visitor to sign in and back), parse the ids and flags, run one domain call, and turn an
 * expected failure into form state. Free text is passed on for the domain to validate.
 */
async function handle<S extends z.ZodType>(
  form: FormData,
  schema: S,
  run: (principal: Principal, data: z.output<S>, paths: Paths) => Promise<FormState>,
): Promise<FormState> {
  const returnTo = returnToSchema.safeParse(form.get("returnTo"));
  const session = await requireSession(returnTo.success ? returnTo.data : undefined);
  if (!returnTo.success) return STALE_FORM;
  const fields = Object.fromEntries(
    [...form.entries()].filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === "string" && !entry[0].startsWith("$"),
    ),
  );
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return STALE_FORM;
  try {
    await assertWithinWriteLimits(session.user.id, clientIp(await headers()));
    return await run(principalOf(session), parsed.data, pathsOf(returnTo.data));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { error: error.message, fieldErrors: error.fieldErrors, values: fields };
  }
}

const problemForm = z.object({ problemId: id });
const commentForm = z.object({ commentId: id, problemId: id });

/**
 * The images of the new-problem form: every chosen file (an empty file input sends one nameless,
 * empty part, which is skipped) with its description. Descriptions arrive one field per image
 * (with JavaScript) or as lines of one field (without).
 */
/**
 * The part an empty file input sends: no bytes and no name. Posted through React's server action
 * transport it arrives named "undefined" (seen in the production build), so both count; a named
 * empty file someone chose is still refused by name.
 */
function isEmptyInput(file: File): boolean {
  return file.size === 0 && (!file.name || file.name === "undefined");
}

async function imagesOf(form: FormData): Promise<ImageUpload[]> {
  const files = form
    .getAll("images")
    .filter((v): v is File => typeof v !== "string" && !isEmptyInput(v));
  const alts = form
    .getAll("imageAlt")
    .filter((v): v is string => typeof v === "string")
    .flatMap((v) => v.split(/\r?\n/));
  // Past 5 the domain refuses the post; reading the extra files would only cost memory.
  const chosen = files.slice(0, MAX_ATTACHMENTS_PER_POST + 1);
  // Name and size first (path separators, empty, over 10 MB): refused before any is read.
  for (const file of chosen) checkUploadShape(file.name, file.size);
  return Promise.all(
    chosen.map(async (file, i) => ({
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      alt: alts[i],
    })),
  );
}

// Post a problem on a board, with its images; go to it, or say it awaits a moderator.
export async function postProblemAction(_: FormState, form: FormData): Promise<FormState> {
  const schema = z.object({ boardId: id, title: text, body: text });
  return handle(form, schema, async (principal, { boardId, title, body }, paths) => {
    const problem = await createProblem(principal, boardId, { title, body }, await imagesOf(form));
    refresh(paths.board);
    if (problem.moderationState !== "approved") {
      return { success: "Thanks — your problem will appear once a moderator approves it." };
    }
    redirect(paths.problem(problem.id));
  });
}

// Add or remove the viewer's vote (`voted` is the desired state, "1" or "0").
export async function voteAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, problemForm.extend({ voted: flag }), async (principal, data, paths) => {
    await setVote(principal, data.problemId, data.voted);
    refresh(paths.board, paths.problem(data.problemId));
    return {};
  });
}

// Follow a problem (status-change emails) or stop following it.
export async function followAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, problemForm.extend({ follow: flag }), async (principal, data, paths) => {
    const { following } = await setFollow(principal, data.problemId, data.follow);
    refresh(paths.problem(data.problemId));
    return {
      success: following ? "You'll get an email when its status changes." : "Unfollowed.",
    };
  });
}

// Comment on a problem, or reply to a top-level comment (`parentId`).
export async function postCommentAction(_: FormState, form: FormData): Promise<FormState> {
  const schema = problemForm.extend({ body: text, parentId: id.optional() });
  return handle(form, schema, async (principal, { problemId, body, parentId }, paths) => {
    const comment = await createComment(principal, problemId, { body, parentId });
    refresh(paths.board, paths.problem(problemId));
    return comment.moderationState === "approved"
      ? { success: "Comment posted." }
      : { success: "Thanks — your comment will appear once a moderator approves it." };
  });
}

// Edit a problem's title and body (its author within the hour, or a member who triages).
export async function editProblemAction(_: FormState, form: FormData): Promise<FormState> {
  const schema = problemForm.extend({ title: text, body: text });
  return handle(form, schema, async (principal, { problemId, title, body }, paths) => {
    await updateProblem(principal, problemId, { title, body });
    refresh(paths.board, paths.problem(problemId));
    return { success: "Changes saved." };
  });
}

// Edit one's own comment.
export async function editCommentAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, commentForm.extend({ body: text }), async (principal, data, paths) => {
    await updateComment(principal, data.commentId, { body: data.body });
    refresh(paths.problem(data.problemId));
    return { success: "Comment updated." };
  });
}

// Delete a comment (its author, or a moderator); replies stay under a placeholder.
export async function deleteCommentAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, commentForm, async (principal, data, paths) => {
    await deleteComment(principal, data.commentId);
    refresh(paths.board, paths.problem(data.problemId));
    return { success: "Comment deleted." };
  });
}

// Report a problem or a comment to the workspace's moderators.
export async function flagAction(_: FormState, form: FormData): Promise<FormState> {
  const schema = z.object({
    targetType: z.enum(["problem", "comment"]),
    targetId: id,
    reason: text,
  });
  return handle(form, schema, async (principal, data, paths) => {
    await flagContent(principal, data);
    refresh(paths.board); // reports can hide content once they reach the threshold
    return { success: "Thanks for the report. A moderator will take a look." };
  });
}

// Move a problem to another status, with an optional public note (members who triage).
export async function changeStatusAction(_: FormState, form: FormData): Promise<FormState> {
  const schema = problemForm.extend({ status: text, note: text });
  return handle(form, schema, async (principal, { problemId, status, note }, paths) => {
    const change = await changeStatus(principal, problemId, { status, note });
    refresh(paths.board, paths.problem(problemId));
    return { success: `Status changed to ${STATUS_LABELS[change.toStatus]}.` };
  });
}

// Mark a member's comment as the official reply, or unpin it (members who triage).
export async function pinCommentAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, commentForm.extend({ pinned: flag }), async (principal, data, paths) => {
    await setPinned(principal, data.commentId, data.pinned);
    refresh(paths.problem(data.problemId));
    return { success: data.pinned ? "Marked as the official reply." : "Unpinned." };
  });
}

// Merge this problem (a duplicate) into the one to keep (members who triage).
export async function mergeAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, problemForm.extend({ keptId: text }), async (principal, data, paths) => {
    // The problem to keep: the preview's id (or, from older pages, a pasted id or link).
    const keptId = /\bprb_[a-z0-9]+/.exec(data.keptId ?? "")?.[0];
    if (!keptId) {
      const message = "Choose the problem to keep: search for it above.";
      return { fieldErrors: { keptId: [message] }, values: { keptId: data.keptId ?? "" } };
    }
    await mergeProblems(principal, data.problemId, keptId);
    refresh(paths.board, paths.problem(data.problemId), paths.problem(keptId));
    // The page now says where it went; the preview's query is left behind.
    redirect(paths.problem(data.problemId));
  });
}

// Delete a problem with its votes and comments (members who triage), after confirmation.
export async function deleteProblemAction(_: FormState, form: FormData): Promise<FormState> {
  const schema = problemForm.extend({ confirm: z.string().optional() });
  return handle(form, schema, async (principal, data, paths) => {
    if (data.confirm !== "yes") {
      return { fieldErrors: { confirm: ["Tick the box to confirm the deletion."] } };
    }
    await deleteProblem(principal, data.problemId);
    refresh(paths.board, paths.problem(data.problemId));
    redirect(`${paths.board}?deleted=1`);
  });
}
