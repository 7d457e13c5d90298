"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failed, fields, STALE_FORM } from "@/app/form-actions";
import { accountNameSchema, changeEmailSchema, changePasswordSchema } from "@/lib/account/schemas";
import { callAuth, type AuthCallResult } from "@/lib/auth/call-auth";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { setAccountNotificationEmails } from "@/lib/email/account-email-preferences";

/** An unticked checkbox is not submitted at all; a ticked one sends "on". */
const preferencesForm = z.object({ notifications: z.literal("on").optional() });

// Turn the signed-in user's status-change emails on or off. The address is always the session
// user's own: nothing in the form can name another.
export async function updateEmailPreferencesAction(
  _: FormState,
  form: FormData,
): Promise<FormState> {
  const session = await requireSession("/account");
  const parsed = preferencesForm.safeParse(fields(form));
  if (!parsed.success) return STALE_FORM;
  const subscribed = parsed.data.notifications === "on";
  const values = { notifications: subscribed ? "on" : "" };
  try {
    await setAccountNotificationEmails(principalOf(session), subscribed);
    revalidatePath("/account", "page");
    return {
      success: subscribed
        ? "You'll get an email when a problem you follow changes status."
        : "You won't get status-change emails any more.",
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}

/** Field errors from a schema, with what was typed put back (never passwords). */
function invalid(error: z.ZodError, values: Record<string, string> = {}): FormState {
  return {
    error: "Check the highlighted fields.",
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    values,
  };
}

/** What Better Auth's refusal means for an account form. */
function refused(result: AuthCallResult, values: Record<string, string> = {}): FormState {
  if (result.status === 429) {
    const wait = result.retryAfter ? ` in ${result.retryAfter} seconds` : " later";
    return { error: `Too many attempts. Try again${wait}.`, values };
  }
  switch (result.code) {
    case "INVALID_PASSWORD":
      return { fieldErrors: { currentPassword: ["That's not your current password."] }, values };
    case "WEAK_PASSWORD":
    case "PASSWORD_TOO_SHORT":
    case "PASSWORD_TOO_LONG":
      return {
        fieldErrors: { newPassword: [result.message ?? "Choose a stronger password."] },
        values,
      };
    default:
      return {
        error:
          result.status >= 500
            ? "Something went wrong on our side. Try again in a moment."
            : (result.message ?? "That didn't work. Check the form and try again."),
        values,
      };
  }
}

// Change the signed-in user's display name.
export async function updateNameAction(_: FormState, form: FormData): Promise<FormState> {
  await requireSession("/account");
  const name = form.get("name");
  const values = { name: typeof name === "string" ? name : "" };
  const parsed = accountNameSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const result = await callAuth("/update-user", { name: parsed.data.name });
  if (!result.ok) return refused(result, values);
  revalidatePath("/", "layout");
  return { success: "Your name is saved.", values: { name: parsed.data.name } };
}

// Ask to change the signed-in user's email: a link goes to the new address (which takes effect
// when it is followed) and a notice to the current one. An address another account uses gets the
// same answer, so the form never tells who has an account.
export async function changeEmailAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession("/account");
  const newEmail = form.get("newEmail");
  const values = { newEmail: typeof newEmail === "string" ? newEmail : "" };
  const parsed = changeEmailSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  if (parsed.data.newEmail === session.user.email.toLowerCase()) {
    return { fieldErrors: { newEmail: ["That's already your email address."] }, values };
  }
  const result = await callAuth("/change-email", {
    newEmail: parsed.data.newEmail,
    callbackURL: "/account?email=changed",
  });
  if (!result.ok) return refused(result, values);
  return {
    success: `Check ${parsed.data.newEmail} for a link to confirm it. Until you follow it, you keep signing in with ${session.user.email}.`,
    values: { newEmail: "" },
  };
}

// Change the signed-in user's password (the current one first); other devices are signed out.
export async function changePasswordAction(_: FormState, form: FormData): Promise<FormState> {
  await requireSession("/account");
  const parsed = changePasswordSchema.safeParse(fields(form));
  if (!parsed.success) return invalid(parsed.error);
  const result = await callAuth("/change-password", { ...parsed.data, revokeOtherSessions: true });
  if (!result.ok) return refused(result);
  // Better Auth replaced this session too (new cookie): render the page afresh with it, rather
  // than re-render this request, which still carries the old one.
  redirect("/account?password=changed");
}

// Sign out every other browser and device; this one stays signed in.
export async function signOutOtherSessionsAction(_: FormState, __: FormData): Promise<FormState> {
  await requireSession("/account");
  const result = await callAuth("/revoke-other-sessions", {});
  if (!result.ok) return refused(result);
  revalidatePath("/account", "page");
  return { success: "Your other devices are signed out." };
}
