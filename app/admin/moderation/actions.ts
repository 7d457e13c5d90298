"use server";

import { revalidatePath } from "next/cache";
import { failed, fields, typed } from "@/app/form-actions";
import {
  banAuthorFromConsole,
  decideFromConsole,
  unbanAuthorFromConsole,
} from "@/lib/admin/moderation-console";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import type { FormState } from "@/lib/auth/form-state";
import { requireAdmin } from "../admin-session";

/** The wall, then one domain call (lib/moderation underneath); its errors go back to the form. */
async function handle(
  form: FormData,
  run: (admin: AdminPrincipal, input: Record<string, unknown>) => Promise<void>,
  success: string,
): Promise<FormState> {
  const { admin } = await requireAdmin();
  try {
    await run(admin, fields(form));
    revalidatePath("/admin/moderation", "page");
    return { success };
  } catch (error) {
    return failed(error, typed(form));
  }
}

// POST /admin/moderation – approve, reject or mark as spam a held or reported post
export async function decideModerationAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, decideFromConsole, "Decided. It is in the workspace's moderation log.");
}

// POST /admin/moderation – ban a post's author from that workspace's boards
export async function banAuthorAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, banAuthorFromConsole, "Banned from this workspace's boards.");
}

// POST /admin/moderation – lift an author's ban in a workspace
export async function unbanAuthorAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, unbanAuthorFromConsole, "The ban is lifted.");
}
