import { hashPassword } from "better-auth/crypto";
import { eq, inArray } from "drizzle-orm";
import { createId } from "@/lib/ids";
import type { Database } from "./client";
import { accounts, members, users, workspaces } from "./schema";

export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_WORKSPACE = { name: "Acme Inc", slug: "acme" };

export const DEMO_USERS = [
  { email: "owner@demo.problemboard.dev", name: "Olivia Owner", role: "owner" },
  { email: "admin@demo.problemboard.dev", name: "Adam Admin", role: "admin" },
  { email: "member@demo.problemboard.dev", name: "Mia Member", role: "member" },
  { email: "viewer@demo.problemboard.dev", name: "Victor Viewer", role: "viewer" },
  { email: "operator@demo.problemboard.dev", name: "Pat Operator", role: "platform-admin" },
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
        lastWorkspaceId: demo.role === "platform-admin" ? null : workspace.id,
      });
      await tx.insert(accounts).values({
        id: createId("acc"),
        accountId: userId,
        providerId: "credential",
        userId,
        password,
      });
      if (demo.role !== "platform-admin") {
        await tx.insert(members).values({
          id: createId("mem"),
          organizationId: workspace.id,
          userId,
          role: demo.role,
        });
      }
    }
  });
  return { created: true };
}

export function demoSignInText(appUrl: string): string {
  const rows = DEMO_USERS.map((u) => `    ${u.role.padEnd(15)} ${u.email}`).join("\n");
  return [
    `  Sign in at ${appUrl}/sign-in with any of these (password: ${DEMO_PASSWORD}):`,
    rows,
    `  Emails the app sends appear at ${appUrl}/dev/emails`,
  ].join("\n");
}
