import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { actorOf, recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/principal";
import { invalidateUser } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { members, users, workspaces, type Workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { createWorkspaceSchema, RESERVED_SLUGS, slugify } from "./schemas";

/**
 * Create a workspace owned by the principal and make it their remembered workspace. The
 * workspace and the owner membership are written in one transaction.
 */
export async function createWorkspace(principal: Principal, input: unknown): Promise<Workspace> {
  const parsed = createWorkspaceSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "validation_failed",
      "Check the highlighted fields.",
      parsed.error.flatten().fieldErrors as Record<string, string[]>,
    );
  }
  const { name } = parsed.data;
  const requested = parsed.data.slug;
  if (requested && RESERVED_SLUGS.has(requested)) {
    throw new AppError("validation_failed", "That address is reserved.", {
      slug: ["That address is reserved. Choose another."],
    });
  }
  const base = slugify(name) || "workspace";
  const slug =
    requested ??
    (RESERVED_SLUGS.has(base) || base.length < 3
      ? `${base}-${randomBytes(3).toString("hex")}`
      : base);

  const created = await db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.slug, slug));
    const finalSlug = taken
      ? requested
        ? null
        : `${slug.slice(0, 40)}-${randomBytes(3).toString("hex")}`
      : slug;
    if (!finalSlug) {
      throw new AppError("conflict", "That address is taken.", {
        slug: ["That address is already taken. Choose another."],
      });
    }
    const [workspace] = await tx
      .insert(workspaces)
      .values({ id: createId("ws"), name, slug: finalSlug })
      .returning();
    if (!workspace) throw new Error("createWorkspace: insert returned no row");
    await tx.insert(members).values({
      id: createId("mem"),
      organizationId: workspace.id,
      userId: principal.userId,
      role: "owner",
    });
    await tx
      .update(users)
      .set({ lastWorkspaceId: workspace.id })
      .where(eq(users.id, principal.userId));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actor: actorOf(principal),
      action: "workspace.created",
      target: { type: "workspace", id: workspace.id },
      metadata: { name: workspace.name, slug: workspace.slug },
    });
    return workspace;
  });
  await invalidateUser(principal.userId);
  return created;
}
