"use server";

import { redirect } from "next/navigation";
import { callAuth } from "@/lib/auth/call-auth";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { switchWorkspace } from "@/lib/workspaces/switch-workspace";

// Switch the active workspace; it is remembered for the next sign-in.
export async function switchWorkspaceAction(slug: string): Promise<void> {
  const session = await requireSession();
  const target = await switchWorkspace(principalOf(session), session.session.id, String(slug));
  redirect(`/w/${target.slug}`);
}

// Create a workspace owned by the signed-in user and switch to it.
export async function createWorkspaceAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const name = form.get("name");
  const values = { name: typeof name === "string" ? name : "" };
  let slug: string;
  try {
    const workspace = await createWorkspace(principalOf(session), values);
    await switchWorkspace(principalOf(session), session.session.id, workspace.slug);
    slug = workspace.slug;
  } catch (error) {
    if (isAppError(error)) return { error: error.message, fieldErrors: error.fieldErrors, values };
    throw error;
  }
  redirect(`/w/${slug}`);
}

// Sign out of every browser and device, this one included.
export async function signOutEverywhereAction(): Promise<void> {
  await requireSession();
  await callAuth("/revoke-sessions", {});
  await callAuth("/sign-out", {});
  redirect("/sign-in");
}
