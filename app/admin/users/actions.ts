"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { failed, fields, typed } from "@/app/form-actions";
import {
  banUser,
  resendVerification,
  revokeAllUserSessions,
  revokeUserSession,
  unbanUser,
} from "@/lib/admin/manage-user";
import { impersonateUser } from "@/lib/admin/impersonate-user";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import type { FormState } from "@/lib/auth/form-state";
import { requireAdmin } from "../admin-session";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The wall, then one domain call on the user named by the form; its errors go back to the form. */
async function handle(
  form: FormData,
  run: (admin: AdminPrincipal, userId: string, input: Record<string, unknown>) => Promise<void>,
  success: string,
): Promise<FormState> {
  const { admin } = await requireAdmin();
  const userId = text(form, "userId");
  const values = typed(form);
  try {
    await run(admin, userId, fields(form));
    revalidatePath(`/admin/users/${userId}`, "page");
    return { success };
  } catch (error) {
    return failed(error, values);
  }
}

// POST /admin/users/{id} – ban the user (sessions end), with a reason and an optional end
export async function banUserAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, banUser, "Banned. Their sessions have ended.");
}

// POST /admin/users/{id} – lift the ban
export async function unbanUserAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, unbanUser, "The ban is lifted.");
}

// POST /admin/users/{id} – sign the user out of every session
export async function revokeAllSessionsAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, revokeAllUserSessions, "Signed out everywhere.");
}

// POST /admin/users/{id} – end one session of the user
export async function revokeSessionAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(
    form,
    (admin, userId, input) => revokeUserSession(admin, userId, text(form, "sessionId"), input),
    "The session has ended.",
  );
}

// POST /admin/users/{id} – send the verification email again
export async function resendVerificationAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, resendVerification, "The verification email is on its way.");
}

// POST /admin/users/{id} – sign in as the user (fresh session and a reason); lands in their app
export async function impersonateUserAction(_: FormState, form: FormData): Promise<FormState> {
  const { admin, session } = await requireAdmin();
  const userId = text(form, "userId");
  try {
    await impersonateUser(admin, session.session, userId, fields(form), await headers());
  } catch (error) {
    return failed(error, typed(form));
  }
  redirect("/app");
}
