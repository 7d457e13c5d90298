import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { isId, userText } from "@/lib/validation";

export const workspaceNameSchema = userText({
  required: "Enter a workspace name.",
  min: 2,
  max: 60,
});

export const workspaceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(48, "Use at most 48 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens.");

export const createWorkspaceSchema = z.object({
  name: workspaceNameSchema,
  slug: workspaceSlugSchema.optional(),
});

/** Slugs that would collide with app routes or mislead visitors. */
export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "auth",
  "b",
  "billing",
  "dashboard",
  "dev",
  "docs",
  "help",
  "legal",
  "new",
  "pricing",
  "settings",
  "sign-in",
  "sign-up",
  "support",
  "w",
  "www",
]);

export function slugify(value: string): string {
  return value
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export const memberRoleSchema = z.enum(ROLES, { error: "Choose a role." });

export const inviteMemberSchema = z.object({
  email: z
    .string({ error: "Enter an email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like someone@example.com.")),
  role: memberRoleSchema,
});

export const changeMemberRoleSchema = z.object({
  userId: z.string({ error: "Choose a member." }).refine(isId, "Choose a member."),
  role: memberRoleSchema,
});

/** Zod issues as AppError field errors; issues that name no field are left out. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [field] = issue.path;
    if (field === undefined) continue;
    (errors[String(field)] ??= []).push(issue.message);
  }
  return errors;
}
