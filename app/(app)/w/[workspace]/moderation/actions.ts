"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failed, fields, STALE_FORM, typed } from "@/app/form-actions";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { banAuthor, unbanAuthor } from "@/lib/moderation/bans";
import { moderateContent, moderationDecisionSchema } from "@/lib/moderation/moderate-content";
import { updateModerationSettings } from "@/lib/moderation/moderation-queue";
import { idSchema as id } from "@/lib/validation";

/** A text field as submitted ("" when missing); the domain validates the content. */
const text = z.string().catch("");

const decisionForm = z.object({
  workspaceId: id,
  targetType: moderationDecisionSchema.shape.targetType,
  targetId: id,
  decision: moderationDecisionSchema.shape.decision,
  note: text.transform((note) => note.trim() || undefined),
});
const banForm = z.object({
  workspaceId: id,
  userId: id,
  reason: text.transform((reason) => reason.trim() || undefined),
});
/** A blank number field is an error here: coerced, it would silently become 0. */
const number = text.refine((value) => value.trim() !== "", "Enter a number.");
const settingsForm = z.object({
  workspaceId: id,
  blockedWords: text,
  maxLinks: number,
  flagThreshold: number,
});

/** One word or phrase per line, or separated by commas. */
const wordList = (words: string) =>
  words
    .split(/[\n,]/)
    .map((word) => word.trim())
    .filter(Boolean);

const DONE = { approve: "Approved.", reject: "Rejected.", spam: "Marked as spam." };

/** The queue count shows in the workspace nav and on boards; decisions change public pages. */
function refreshModeration(): void {
  revalidatePath("/w/[workspace]", "layout");
  revalidatePath("/b/[workspace]/[board]", "layout");
}

// Approve, reject or mark as spam one held problem or comment.
export async function moderateContentAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = decisionForm.safeParse(fields(form));
  if (!parsed.success) return STALE_FORM;
  const { workspaceId, ...input } = parsed.data;
  try {
    await moderateContent(principalOf(session), workspaceId, input);
    refreshModeration();
    return { success: DONE[input.decision] };
  } catch (error) {
    return failed(error, { note: input.note ?? "" });
  }
}

// Ban an author from the workspace's boards; their held posts become spam.
export async function banAuthorAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = banForm.safeParse(fields(form));
  if (!parsed.success) return STALE_FORM;
  const { workspaceId, userId, reason } = parsed.data;
  try {
    await banAuthor(principalOf(session), workspaceId, userId, reason);
    refreshModeration();
    return { success: "Author banned. Their held posts were marked as spam." };
  } catch (error) {
    return failed(error, { reason: reason ?? "" });
  }
}

// Save the workspace's blocked words, link limit and report threshold.
export async function updateModerationSettingsAction(
  _: FormState,
  form: FormData,
): Promise<FormState> {
  const session = await requireSession();
  const parsed = settingsForm.safeParse(fields(form));
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    if (fieldErrors.workspaceId) return STALE_FORM;
    return { error: "Check the highlighted fields.", fieldErrors, values: typed(form) };
  }
  const { workspaceId, ...values } = parsed.data;
  const input = { ...values, blockedWords: wordList(values.blockedWords) };
  try {
    await updateModerationSettings(principalOf(session), workspaceId, input);
    revalidatePath("/w/[workspace]/moderation", "page");
    return { success: "Moderation settings saved." };
  } catch (error) {
    return failed(error, values);
  }
}

const unbanForm = z.object({ workspaceId: id, userId: id });

// Lift a ban: the author may post, vote, comment and report again.
export async function unbanAuthorAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = unbanForm.safeParse(fields(form));
  if (!parsed.success) return STALE_FORM;
  try {
    await unbanAuthor(principalOf(session), parsed.data.workspaceId, parsed.data.userId);
    refreshModeration();
    return { success: "Ban lifted." };
  } catch (error) {
    return failed(error);
  }
}
