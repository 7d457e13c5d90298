import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  "password",
  "password1",
  "password12",
  "password123",
  "passw0rd",
  "qwertyuiop",
  "1234567890",
  "0123456789",
  "letmein123",
  "iloveyou12",
  "welcome123",
  "administrator",
  "problemboard",
]);

/**
 * Strong-password rules (NIST 800-63B style): length over composition, no common or repeated
 * passwords, nothing built from the user's own email. Returns the reasons it fails, or [].
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push("This password is too common.");
  if (password.length > 0 && new Set(password).size < 4) {
    problems.push("Use more different characters.");
  }
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    problems.push("Don't use your email address in your password.");
  }
  return problems;
}

export const passwordSchema = z.string().superRefine((password, ctx) => {
  for (const message of passwordProblems(password)) ctx.addIssue({ code: "custom", message });
});
