"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failed, fields, STALE_FORM, typed } from "@/app/form-actions";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { createBoard } from "@/lib/boards/create-board";
import { deleteBoard, setBoardArchived, updateBoard } from "@/lib/boards/update-board";
import { idSchema as id, isSlug } from "@/lib/validation";

/** A workspace or board address from a hidden field (it goes into the redirect). */
const slug = z.string().trim().refine(isSlug);
/** A text field as submitted ("" when missing); the domain validates the content. */
const text = z.string().catch("");
/** An optional address or choice: blank means "not given", so the domain keeps or defaults it. */
const optional = text.transform((value) => value.trim() || undefined);

const boardFields = z.object({
  name: text,
  slug: optional,
  description: text,
  guidelines: text,
  visibility: optional,
  moderationMode: optional,
});
const createForm = z.object({ workspaceId: id, workspaceSlug: slug });
const boardForm = z.object({ workspaceId: id, boardId: id });
const archiveForm = boardForm.extend({
  archived: z.enum(["true", "false"]).transform((value) => value === "true"),
});
const deleteForm = boardForm
  .extend({ workspaceSlug: slug, boardSlug: slug, confirm: text })
  .refine((form) => form.confirm.trim() === form.boardSlug, {
    path: ["confirm"],
    message: "Type the board's address exactly as shown to confirm.",
  });

/** Board names, counts and settings show across the workspace and on the public board. */
function refreshBoards(): void {
  revalidatePath("/w/[workspace]", "layout");
  revalidatePath("/b/[workspace]/[board]", "layout");
}

// Create a board, then open its public page.
export async function createBoardAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = createForm.safeParse(fields(form));
  if (!target.success) return STALE_FORM;
  const input = boardFields.parse(fields(form));
  let slug: string;
  try {
    slug = (await createBoard(principalOf(session), target.data.workspaceId, input)).slug;
  } catch (error) {
    return failed(error, typed(form));
  }
  refreshBoards();
  redirect(`/b/${target.data.workspaceSlug}/${slug}`);
}

// Save a board's name, address, texts, visibility and moderation mode.
export async function updateBoardAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = boardForm.safeParse(fields(form));
  if (!target.success) return STALE_FORM;
  const { workspaceId, boardId } = target.data;
  const input = boardFields.parse(fields(form));
  try {
    await updateBoard(principalOf(session), workspaceId, boardId, input);
    refreshBoards();
    return { success: "Board settings saved." };
  } catch (error) {
    return failed(error, typed(form));
  }
}

// Archive a board (read-only, hidden from lists) or restore it.
export async function setBoardArchivedAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = archiveForm.safeParse(fields(form));
  if (!target.success) return STALE_FORM;
  const { workspaceId, boardId, archived } = target.data;
  try {
    await setBoardArchived(principalOf(session), workspaceId, boardId, archived);
    refreshBoards();
    return { success: archived ? "Board archived." : "Board restored." };
  } catch (error) {
    return failed(error);
  }
}

// Delete a board and everything posted on it, once its address is typed to confirm.
export async function deleteBoardAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = deleteForm.safeParse(fields(form));
  if (!target.success) {
    const mismatch = target.error.issues.find((issue) => issue.path[0] === "confirm");
    return mismatch ? { fieldErrors: { confirm: [mismatch.message] } } : STALE_FORM;
  }
  const { workspaceId, workspaceSlug, boardId } = target.data;
  try {
    await deleteBoard(principalOf(session), workspaceId, boardId);
  } catch (error) {
    return failed(error);
  }
  refreshBoards();
  redirect(`/w/${workspaceSlug}/boards`);
}
