import { z } from "zod";

export const workspaceNameSchema = z
  .string({ error: "Enter a workspace name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(60, "Use at most 60 characters.");

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
