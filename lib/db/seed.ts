import { hashPassword } from "better-auth/crypto";
import { and, eq, inArray } from "drizzle-orm";
import { createId } from "@/lib/ids";
import type { Database } from "./client";
import {
  accounts,
  boards,
  comments,
  follows,
  members,
  problems,
  statusChanges,
  users,
  votes,
  workspaces,
} from "./schema";

export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_WORKSPACE = { name: "Acme Inc", slug: "acme" };
/**
 * Seats of the demo workspace's Team trial (scripts/lib/seed-demo-billing.ts): its four members
 * and room to invite two more, as the README's walkthrough does.
 */
export const DEMO_TEAM_SEATS = 6;

export const DEMO_USERS = [
  { email: "owner@demo.problemboard.dev", name: "Olivia Owner", role: "owner" },
  { email: "admin@demo.problemboard.dev", name: "Adam Admin", role: "admin" },
  { email: "member@demo.problemboard.dev", name: "Mia Member", role: "member" },
  { email: "viewer@demo.problemboard.dev", name: "Victor Viewer", role: "viewer" },
  { email: "operator@demo.problemboard.dev", name: "Pat Operator", role: "platform-admin" },
  { email: "customer@demo.problemboard.dev", name: "Casey Customer", role: "customer" },
] as const;

export const DEMO_BOARD = { slug: "feedback", name: "Product feedback" };

const DEMO_PROBLEMS = [
  {
    title: "CSV export times out for large boards",
    body: "Exporting a board with more than 5,000 problems spins for a minute and then fails.\n\n**Expected:** a file, even if it takes a while.",
    status: "planned",
    votes: 4,
  },
  {
    title: "Can't find old problems without exact words",
    body: "Search only matches exact words, so *notifcation* finds nothing. Typos should still find things.",
    status: "solved",
    votes: 3,
  },
  {
    title: "Email digest arrives at 3 a.m. in my time zone",
    body: "The weekly digest ignores my time zone setting.",
    status: "under_review",
    votes: 2,
  },
  {
    title: "No way to tell which problems the team already saw",
    body: "Customers keep asking whether anyone read their post. A visible 'seen' state would help.",
    status: "open",
    votes: 1,
  },
] as const;

/**
 * Demo data: a workspace with a member of each role, and a platform admin. Every user is
 * verified and signs in with DEMO_PASSWORD. Running it twice changes nothing.
 */
export async function seedDemoData(db: Database): Promise<{ created: boolean }> {
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  if (existing.length === DEMO_USERS.length) return { created: false };

  const password = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    let [workspace] = await tx
      .select()
      .from(workspaces)
      .where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
    workspace ??= (
      await tx
        .insert(workspaces)
        .values({ id: createId("ws"), ...DEMO_WORKSPACE })
        .returning()
    )[0];
    if (!workspace) throw new Error("seed: could not create the demo workspace");

    for (const demo of DEMO_USERS) {
      const [found] = await tx.select().from(users).where(eq(users.email, demo.email));
      if (found) continue;
      const userId = createId("usr");
      await tx.insert(users).values({
        id: userId,
        name: demo.name,
        email: demo.email,
        emailVerified: true,
        role: demo.role === "platform-admin" ? "admin" : "user",
        lastWorkspaceId:
          demo.role === "platform-admin" || demo.role === "customer" ? null : workspace.id,
      });
      await tx.insert(accounts).values({
        id: createId("acc"),
        accountId: userId,
        providerId: "credential",
        userId,
        password,
      });
      if (demo.role !== "platform-admin" && demo.role !== "customer") {
        await tx.insert(members).values({
          id: createId("mem"),
          organizationId: workspace.id,
          userId,
          role: demo.role,
        });
      }
    }
    await seedDemoBoard(tx, workspace.id);
  });
  return { created: true };
}

/** A public board with a few problems in different states, votes, a comment and a status note. */
async function seedDemoBoard(
  tx: Parameters<Parameters<Database["transaction"]>[0]>[0],
  workspaceId: string,
) {
  const [existing] = await tx
    .select({ id: boards.id })
    .from(boards)
    .where(and(eq(boards.workspaceId, workspaceId), eq(boards.slug, DEMO_BOARD.slug)));
  if (existing) return;
  const people = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  const byRole = (role: string) =>
    people.find((p) => p.email === DEMO_USERS.find((u) => u.role === role)?.email)!.id;
  const boardId = createId("brd");
  await tx.insert(boards).values({
    id: boardId,
    workspaceId,
    ...DEMO_BOARD,
    description: "Tell us what gets in your way. Vote on the problems you share.",
    guidelines: "One problem per post. Describe what you tried and what happened.",
    moderationMode: "hold_first",
  });
  for (const [index, demo] of DEMO_PROBLEMS.entries()) {
    const problemId = createId("prb");
    await tx.insert(problems).values({
      id: problemId,
      workspaceId,
      boardId,
      authorId: byRole("customer"),
      title: demo.title,
      body: demo.body,
      status: demo.status,
      createdAt: new Date(Date.now() - (index + 1) * 86_400_000),
    });
    await tx.insert(follows).values({ problemId, userId: byRole("customer") });
    await tx
      .insert(votes)
      .values(people.slice(0, demo.votes).map((p) => ({ problemId, userId: p.id })));
    if (demo.status !== "open") {
      await tx.insert(statusChanges).values({
        id: createId("stc"),
        problemId,
        actorId: byRole("member"),
        fromStatus: "open",
        toStatus: demo.status,
        note: index === 0 ? "We're moving exports to a background job." : null,
      });
    }
    if (index === 0) {
      await tx.insert(comments).values({
        id: createId("cmt"),
        workspaceId,
        problemId,
        authorId: byRole("member"),
        body: "Thanks for the report: we reproduced it with a 12,000-problem board.",
        pinned: true,
      });
    }
  }
}

export function demoSignInText(appUrl: string): string {
  const rows = DEMO_USERS.map((u) => `    ${u.role.padEnd(15)} ${u.email}`).join("\n");
  const board = `  Public board: ${appUrl}/b/${DEMO_WORKSPACE.slug}/${DEMO_BOARD.slug}`;
  return [
    `  Sign in at ${appUrl}/sign-in with any of these (password: ${DEMO_PASSWORD}):`,
    rows,
    board,
    `  Emails the app sends appear at ${appUrl}/dev/emails`,
  ].join("\n");
}
