"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/workspaces/accept-invitation";

const acceptForm = z.object({ invitationId: z.string().trim().min(1) });

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
