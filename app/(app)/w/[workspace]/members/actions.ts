"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { cancelInvitation } from "@/lib/workspaces/cancel-invitation";
import { changeMemberRole } from "@/lib/workspaces/change-member-role";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { idSchema as id } from "@/lib/validation";
import { removeMember } from "@/lib/workspaces/remove-member";

const workspaceForm = z.object({ workspaceId: id });
const memberForm = z.object({ workspaceId: id, userId: id });
const invitationForm = z.object({ workspaceId: id, invitationId: id });

const STALE_FORM: FormState = { error: "This form is out of date. Reload the page and try again." };

function text(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
}

/** An expected failure goes back to the form; anything else reaches the error page. */
function failed(error: unknown, values?: Record<string, string>): FormState {
  if (isAppError(error)) {
    return { error: error.message, code: error.code, fieldErrors: error.fieldErrors, values };
  }
  throw error;
}

/** Member lists and counts show on every page of the workspace. */
function refreshWorkspace(): void {
  revalidatePath("/w/[workspace]", "layout");
}

// Invite someone to the workspace by email and send them the invitation.
export async function inviteMemberAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = workspaceForm.safeParse({ workspaceId: text(form, "workspaceId") });
  if (!target.success) return STALE_FORM;
  const values = { email: text(form, "email"), role: text(form, "role") };
  try {
    const invitation = await inviteMember(principalOf(session), target.data.workspaceId, values);
    refreshWorkspace();
    return { success: `Invitation sent to ${invitation.email}.` };
  } catch (error) {
    return failed(error, values);
  }
}

// Give a member another role.
export async function changeMemberRoleAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = memberForm.safeParse({
    workspaceId: text(form, "workspaceId"),
    userId: text(form, "userId"),
  });
  if (!target.success) return STALE_FORM;
  const { workspaceId, userId } = target.data;
  const values = { role: text(form, "role") };
  try {
    await changeMemberRole(principalOf(session), workspaceId, { userId, role: values.role });
    refreshWorkspace();
    return { success: "Role updated." };
  } catch (error) {
    return failed(error, values);
  }
}

// Remove another member from the workspace.
export async function removeMemberAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = memberForm.safeParse({
    workspaceId: text(form, "workspaceId"),
    userId: text(form, "userId"),
  });
  if (!target.success) return STALE_FORM;
  try {
    await removeMember(principalOf(session), target.data.workspaceId, target.data.userId);
    refreshWorkspace();
    return { success: "Member removed." };
  } catch (error) {
    return failed(error);
  }
}

// Leave the workspace, then open the one the app falls back to.
export async function leaveWorkspaceAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = workspaceForm.safeParse({ workspaceId: text(form, "workspaceId") });
  if (!target.success) return STALE_FORM;
  try {
    await removeMember(principalOf(session), target.data.workspaceId, session.user.id);
  } catch (error) {
    return failed(error);
  }
  refreshWorkspace();
  redirect("/app");
}

// Cancel a pending invitation so its link stops working.
export async function cancelInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = invitationForm.safeParse({
    workspaceId: text(form, "workspaceId"),
    invitationId: text(form, "invitationId"),
  });
  if (!target.success) return STALE_FORM;
  try {
    await cancelInvitation(principalOf(session), target.data.workspaceId, target.data.invitationId);
    refreshWorkspace();
    return { success: "Invitation canceled." };
  } catch (error) {
    return failed(error);
  }
}
