import { hashPassword } from "better-auth/crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { drainJobs } from "@/lib/jobs/worker";
import { invalidateBilling } from "@/lib/billing/entitlements";
import {
  billingAccounts,
  type SubscriptionStatus,
  accounts,
  boards,
  emailOutbox,
  members,
  problems,
  users,
  workspaces,
} from "@/lib/db/schema";
import { createId } from "@/lib/ids";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const TEST_PASSWORD = "correct-horse-battery-staple";
let passwordHash: Promise<string> | undefined;

/** A verified user with a password account (and, through the trigger, a personal workspace). */
export async function createUser(
  overrides: { name?: string; email?: string; verified?: boolean } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = createId("usr");
  const email = overrides.email ?? `user-${unique()}@example.com`;
  const [user] = await db
    .insert(users)
    .values({
      id,
      name: overrides.name ?? "Test User",
      email,
      emailVerified: overrides.verified ?? true,
    })
    .returning();
  await db.insert(accounts).values({
    id: createId("acc"),
    accountId: id,
    providerId: "credential",
    userId: id,
    password: await passwordHash,
  });
  return user!;
}

export async function createWorkspaceRow(overrides: { name?: string; slug?: string } = {}) {
  const suffix = unique();
  const [workspace] = await db
    .insert(workspaces)
    .values({
      id: createId("ws"),
      name: overrides.name ?? `Workspace ${suffix}`,
      slug: overrides.slug ?? `ws-${suffix}`,
    })
    .returning();
  return workspace!;
}

export async function addMember(workspaceId: string, userId: string, role: Role) {
  await db
    .insert(members)
    .values({ id: createId("mem"), organizationId: workspaceId, userId, role });
}

/** A workspace with one user in each role. */
/**
 * Put a workspace on a plan as if Stripe had converged it there (an active subscription). Tests
 * of the product core run on Team with room to spare, so plan limits never decide them by
 * accident; the billing tests set plans deliberately.
 */
export async function setPlan(
  workspaceId: string,
  planId: "free" | "pro" | "team" | "enterprise",
  { seats = 1, status = "active" as SubscriptionStatus, pastDueSince = null as Date | null } = {},
) {
  await db
    .update(billingAccounts)
    .set({
      planId,
      status: planId === "free" ? "none" : status,
      seats,
      billingInterval: planId === "free" ? null : "monthly",
      stripeSubscriptionId:
        planId === "free" || planId === "enterprise" ? null : `sub_test_${unique()}`,
      pastDueSince,
    })
    .where(eq(billingAccounts.workspaceId, workspaceId));
  await invalidateBilling(workspaceId);
}

export async function createTeam() {
  const workspace = await createWorkspaceRow();
  await setPlan(workspace.id, "team", { seats: 25 });
  const team = {} as Record<Role, Awaited<ReturnType<typeof createUser>>>;
  for (const role of ["owner", "admin", "member", "viewer"] as const) {
    team[role] = await createUser({ name: `${role} user` });
    await addMember(workspace.id, team[role].id, role);
  }
  return { workspace, ...team };
}

export async function personalWorkspaceOf(userId: string) {
  const [row] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(workspaces)
    .innerJoin(members, eq(members.organizationId, workspaces.id))
    .where(and(eq(members.userId, userId), eq(workspaces.personal, true)));
  return row;
}

/**
 * The newest email sent to an address, if any, after the job queue has delivered everything due
 * (as the worker of a running server would).
 */
export async function latestEmail(to: string) {
  await drainJobs();
  const [email] = await db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.to, to.toLowerCase()))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  if (!email) return undefined;
  if (email.text === null || email.subject === null || email.html === null) {
    throw new Error(`Email ${email.id} to ${to} was not rendered (status ${email.status})`);
  }
  return { ...email, subject: email.subject, html: email.html, text: email.text };
}

/** Every email written to an address (optionally of one template), oldest first, after delivery. */
export async function emailsTo(to: string, template?: string) {
  await drainJobs();
  return db
    .select()
    .from(emailOutbox)
    .where(
      template
        ? and(eq(emailOutbox.to, to.toLowerCase()), eq(emailOutbox.template, template))
        : eq(emailOutbox.to, to.toLowerCase()),
    )
    .orderBy(asc(emailOutbox.createdAt));
}

/** The first http(s) link in an email's plain text that points at the given path. */
export function linkIn(text: string, pathPart: string): string {
  const match = text.match(new RegExp(`https?://[^\\s)\\]]*${pathPart}[^\\s)\\]]*`));
  if (!match) throw new Error(`No link containing ${pathPart} in:\n${text}`);
  return match[0];
}

/** A board inserted directly (public, publishing immediately, unless overridden). */
export async function createBoardRow(
  workspaceId: string,
  overrides: Partial<typeof boards.$inferInsert> = {},
) {
  const suffix = unique();
  const [board] = await db
    .insert(boards)
    .values({
      id: createId("brd"),
      workspaceId,
      slug: `board-${suffix}`,
      name: `Board ${suffix}`,
      visibility: "public",
      moderationMode: "publish",
      ...overrides,
    })
    .returning();
  return board!;
}

/** A published problem inserted directly. */
export async function createProblemRow(
  board: { id: string; workspaceId: string },
  authorId: string,
  overrides: Partial<typeof problems.$inferInsert> = {},
) {
  const [problem] = await db
    .insert(problems)
    .values({
      id: createId("prb"),
      workspaceId: board.workspaceId,
      boardId: board.id,
      authorId,
      title: `Problem ${unique()}`,
      body: "Something is broken.",
      moderationState: "approved",
      ...overrides,
    })
    .returning();
  return problem!;
}
