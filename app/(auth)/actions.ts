"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { callAuth, type AuthCallResult } from "@/lib/auth/call-auth";
import type { FormState } from "@/lib/auth/form-state";
import { passwordSchema } from "@/lib/auth/password-policy";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like you@example.com."));

const signUpSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(80, "Use at most 80 characters."),
  email,
  password: passwordSchema,
});

const signInSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password."),
});

const resetSchema = z
  .object({
    token: z.string().min(1, "This reset link is incomplete. Request a new one."),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The passwords don't match.",
  });

function text(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
}

function fromZod(error: z.ZodError, values: Record<string, string>): FormState {
  return {
    error: "Check the highlighted fields.",
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    values,
  };
}

function fromAuth(result: AuthCallResult, values: Record<string, string>): FormState {
  if (result.status === 503) {
    return { error: "Signing in is briefly unavailable. Try again in a minute.", values };
  }
  if (result.status === 429) {
    const wait = result.retryAfter ? ` in ${result.retryAfter} seconds` : " later";
    return { error: `Too many attempts. Try again${wait}.`, values };
  }
  switch (result.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return { error: "Wrong email or password.", values };
    case "EMAIL_NOT_VERIFIED":
      return {
        error:
          "Verify your email address first: we've emailed you a link to do it. Check your inbox " +
          "(and spam); any link from the last 24 hours works.",
        values,
      };
    case "WEAK_PASSWORD":
    case "PASSWORD_TOO_SHORT":
    case "PASSWORD_TOO_LONG":
      return {
        fieldErrors: { password: [result.message ?? "Choose a stronger password."] },
        values,
      };
    case "INVALID_TOKEN":
      return { error: "This link is invalid or has expired. Request a new one.", values };
    case "BANNED_USER":
      return { error: "This account has been suspended. Contact support.", values };
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

// Sign up with email and password; a verification email follows.
export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { name: text(form, "name") ?? "", email: text(form, "email") ?? "" };
  const parsed = signUpSchema.safeParse({ ...values, password: text(form, "password") });
  if (!parsed.success) return fromZod(parsed.error, values);
  const next = safeRedirectPath(form.get("next"));
  const result = await callAuth("/sign-up/email", {
    ...parsed.data,
    callbackURL: next === "/app" ? "/verified" : `/verified?next=${encodeURIComponent(next)}`,
  });
  if (!result.ok) return fromAuth(result, values);
  redirect(`/verify-email?email=${encodeURIComponent(parsed.data.email)}`);
}

// Sign in with email and password.
export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") ?? "" };
  const parsed = signInSchema.safeParse({ ...values, password: text(form, "password") });
  if (!parsed.success) return fromZod(parsed.error, values);
  const result = await callAuth("/sign-in/email", { ...parsed.data, callbackURL: "/verified" });
  if (!result.ok) return fromAuth(result, values);
  redirect(safeRedirectPath(form.get("next")));
}

// Email a one-time sign-in link.
export async function magicLinkAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") ?? "" };
  const parsed = z.object({ email }).safeParse(values);
  if (!parsed.success) return fromZod(parsed.error, values);
  const result = await callAuth("/sign-in/magic-link", {
    email: parsed.data.email,
    callbackURL: safeRedirectPath(form.get("next")),
    errorCallbackURL: "/sign-in?error=link",
  });
  if (!result.ok && (result.status === 429 || result.status === 503)) {
    return fromAuth(result, values);
  }
  // Same answer whether or not the account exists, so the form can't be used to probe emails.
  return {
    success: `If ${parsed.data.email} has an account, a sign-in link is on its way.`,
    values,
  };
}

// The sign-in form's two buttons: "Sign in" (way=password) or "Email me a sign-in link"
// (way=link), one email field for both.
export async function signInOrSendLinkAction(state: FormState, form: FormData): Promise<FormState> {
  return form.get("way") === "link" ? magicLinkAction(state, form) : signInAction(state, form);
}

// Email a password reset link.
export async function forgotPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") ?? "" };
  const parsed = z.object({ email }).safeParse(values);
  if (!parsed.success) return fromZod(parsed.error, values);
  const result = await callAuth("/request-password-reset", {
    email: parsed.data.email,
    redirectTo: "/reset-password",
  });
  if (!result.ok && (result.status === 429 || result.status === 503)) {
    return fromAuth(result, values);
  }
  return {
    success: `If ${parsed.data.email} has an account, a reset link is on its way. It expires in 1 hour.`,
    values,
  };
}

// Set a new password from a reset link; every other session is signed out.
export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const parsed = resetSchema.safeParse({
    token: text(form, "token"),
    password: text(form, "password"),
    confirm: text(form, "confirm"),
  });
  if (!parsed.success) return fromZod(parsed.error, {});
  const result = await callAuth("/reset-password", {
    token: parsed.data.token,
    newPassword: parsed.data.password,
  });
  if (!result.ok) return fromAuth(result, {});
  redirect("/sign-in?reset=1");
}

// Send the verification email again.
export async function resendVerificationAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") ?? "" };
  const parsed = z.object({ email }).safeParse(values);
  if (!parsed.success) return fromZod(parsed.error, values);
  const result = await callAuth("/send-verification-email", {
    email: parsed.data.email,
    callbackURL: "/verified",
  });
  if (!result.ok && (result.status === 429 || result.status === 503)) {
    return fromAuth(result, values);
  }
  return { success: `We've sent a new link to ${parsed.data.email}.`, values };
}

// Sign out of this browser.
export async function signOutAction(): Promise<void> {
  await callAuth("/sign-out", {});
  redirect("/sign-in");
}
