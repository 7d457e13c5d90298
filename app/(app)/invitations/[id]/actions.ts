"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { callAuth } from "@/lib/auth/call-auth";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { idSchema } from "@/lib/validation";
import { acceptInvitation } from "@/lib/workspaces/accept-invitation";

const acceptForm = z.object({ invitationId: idSchema });

// Accept an invitation and open the workspace it leads to.
export async function acceptInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const invitationId = form.get("invitationId");
  const parsed = acceptForm.safeParse({ invitationId });
  if (!parsed.success) return { error: "This invitation link is incomplete." };
  let slug: string;
  try {
    slug = await acceptInvitation(principalOf(session), parsed.data.invitationId);
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  redirect(`/w/${slug}`);
}

// Sign out so the invitation can be opened with the account it was sent to.
export async function switchAccountAction(form: FormData): Promise<void> {
  const parsed = acceptForm.safeParse({ invitationId: form.get("invitationId") });
  await callAuth("/sign-out", {});
  const next = parsed.success ? `/invitations/${parsed.data.invitationId}` : "/app";
  redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}
