import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requirePermission } from "@/lib/auth/authorize";
import { PERMISSIONS, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { members, users, workspaces } from "@/lib/db/schema";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";
import { getWorkspaceBySlug, listMembers } from "@/lib/workspaces/get-workspace";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";
import { switchWorkspace } from "@/lib/workspaces/switch-workspace";
import { getSessionFor, signIn } from "../support/auth-client";
import { createTeam, createUser, personalWorkspaceOf, TEST_PASSWORD } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

describe("personal workspace addresses", () => {
  const slugOf = async (name: string, email?: string) =>
    (await personalWorkspaceOf((await createUser({ name, email })).id))!.slug;

  it("come from the person's name, numbered when a namesake has it", async () => {
    const token = Math.random().toString(36).slice(2, 8);
    expect(await slugOf(`Ada Lovelace ${token}`)).toBe(`ada-lovelace-${token}`);
    expect(await slugOf(`Ada Lovelace ${token}`)).toBe(`ada-lovelace-${token}-2`);
    expect(await slugOf(`ada  LOVELACE ${token}!`)).toBe(`ada-lovelace-${token}-3`);
    expect(await slugOf(`Crème Brûlée ${token}`)).toBe(`creme-brulee-${token}`);
    // Past nine namesakes the number gives way to a short random suffix, never a failed sign-up.
    const many = [];
    for (let i = 0; i < 12; i += 1) many.push(await slugOf(`Zed ${token}`));
    expect(many.slice(0, 9)).toEqual([
      `zed-${token}`,
      ...Array.from({ length: 8 }, (_, i) => `zed-${token}-${i + 2}`),
    ]);
    expect(new Set(many).size).toBe(12);
    for (const slug of many.slice(9))
      expect(slug).toMatch(new RegExp(`^zed-${token}-[0-9a-f]{6}$`));
  });

  it("fall back to the email's local part, then to 'workspace', for names that give none", async () => {
    const token = Math.random().toString(36).slice(2, 8);
    expect(await slugOf("日本", `newbie${token}@example.com`)).toBe(`newbie${token}`);
    expect(await slugOf("Al", `al.smith.${token}@example.com`)).toBe(`al-smith-${token}`);
    expect(await slugOf("Admin", `admin+${token}@example.com`)).toBe(`admin-${token}`);
    expect(await slugOf("Jo", "jo@example.com")).toMatch(/^workspace(-\d+)?$/);
    expect(await slugOf("x".repeat(80))).toBe("x".repeat(40));
  });
});

describe("workspace permissions", () => {
  it("grants each role exactly its permissions, and hides the workspace from non-members", async () => {
    const team = await createTeam();
    const outsider = await createUser();
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      for (const permission of PERMISSIONS) {
        const attempt = requirePermission(as(team[role]), team.workspace.id, permission);
        if (ROLE_PERMISSIONS[role].has(permission))
          await expect(attempt).resolves.toMatchObject({ role });
        else
          await expect(attempt, `${role} ${permission}`).rejects.toMatchObject({
            code: "forbidden",
          });
      }
    }
    await expect(
      requirePermission(as(outsider), team.workspace.id, "workspace:read"),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists members only to members", async () => {
    const team = await createTeam();
    const outsider = await createUser();
    const list = await listMembers(as(team.viewer), team.workspace.id);
    expect(list.map((m) => m.role).sort()).toEqual(["admin", "member", "owner", "viewer"]);
    await expect(listMembers(as(outsider), team.workspace.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getWorkspaceBySlug(as(outsider), team.workspace.slug)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("creating a workspace", () => {
  it("makes the creator its owner and their remembered workspace", async () => {
    const user = await createUser();
    const workspace = await createWorkspace(as(user), { name: "Globex Corporation" });
    expect(workspace.slug).toBe("globex-corporation");
    const [membership] = await db
      .select()
      .from(members)
      .where(eq(members.organizationId, workspace.id));
    expect(membership).toMatchObject({ userId: user.id, role: "owner" });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.lastWorkspaceId).toBe(workspace.id);
  });

  it("gives a taken or reserved name a free address, and rejects bad names by field", async () => {
    const user = await createUser();
    const first = await createWorkspace(as(user), { name: "Initech" });
    const second = await createWorkspace(as(user), { name: "Initech" });
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug).toMatch(/^initech-[0-9a-f]{6}$/);
    expect((await createWorkspace(as(user), { name: "Admin" })).slug).toMatch(/^admin-/);

    await expect(createWorkspace(as(user), { name: " x " })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { name: ["Use at least 2 characters."] },
    });
    await expect(
      createWorkspace(as(user), { name: "Taken", slug: first.slug }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(createWorkspace(as(user), {})).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});

describe("switching workspaces", () => {
  it("is remembered: the next session opens in the last workspace", async () => {
    const team = await createTeam();
    const first = await signIn(team.member.email, TEST_PASSWORD);
    const session = await getSessionFor(first.cookie);
    const personal = await personalWorkspaceOf(team.member.id);
    expect(session?.session.activeOrganizationId).toBe(personal?.id);

    await switchWorkspace(as(team.member), session!.session.id, team.workspace.slug);
    expect((await getSessionFor(first.cookie))?.session.activeOrganizationId).toBe(
      team.workspace.id,
    );

    const next = await getSessionFor((await signIn(team.member.email, TEST_PASSWORD)).cookie);
    expect(next?.session.activeOrganizationId).toBe(team.workspace.id);
    const current = await getCurrentWorkspace(as(team.member), next?.session.activeOrganizationId);
    expect(current).toMatchObject({
      workspaceSlug: team.workspace.slug,
      role: "member",
      memberCount: 4,
    });
  });

  it("refuses a workspace the user is not a member of, and changes nothing", async () => {
    const team = await createTeam();
    const outsider = await createUser();
    const session = await getSessionFor((await signIn(outsider.email, TEST_PASSWORD)).cookie);
    await expect(
      switchWorkspace(as(outsider), session!.session.id, team.workspace.slug),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(
      (await getSessionFor((await signIn(outsider.email, TEST_PASSWORD)).cookie))?.session
        .activeOrganizationId,
    ).toBe((await personalWorkspaceOf(outsider.id))?.id);
  });

  it("falls back to the personal workspace after removal from the remembered one", async () => {
    const team = await createTeam();
    await db
      .update(users)
      .set({ lastWorkspaceId: team.workspace.id })
      .where(eq(users.id, team.viewer.id));
    await db
      .delete(members)
      .where(
        and(eq(members.userId, team.viewer.id), eq(members.organizationId, team.workspace.id)),
      );
    const current = await getCurrentWorkspace(as(team.viewer), team.workspace.id);
    expect(current.workspaceId).toBe((await personalWorkspaceOf(team.viewer.id))?.id);
    await expect(getWorkspaceBySlug(as(team.viewer), team.workspace.slug)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists a user's workspaces with the personal one first", async () => {
    const team = await createTeam();
    const list = await listWorkspaces(as(team.admin));
    expect(list[0]?.personal).toBe(true);
    expect(list.map((w) => w.slug)).toContain(team.workspace.slug);
    expect(list).toHaveLength(2);
    const all = await db.select().from(workspaces);
    expect(all.length).toBeGreaterThan(2);
  });
});

describe("current workspace read by session token", () => {
  it("returns the active membership with its member count, and no membership after removal", async () => {
    const { verifiedSessionToken } = await import("@/lib/auth/read-session");
    const { readCurrentWorkspace } = await import("@/lib/workspaces/read-current-workspace");
    const team = await createTeam();
    const { cookie } = await signIn(team.viewer.email, TEST_PASSWORD);
    const session = await getSessionFor(cookie);
    await switchWorkspace(as(team.viewer), session!.session.id, team.workspace.slug);
    const token = verifiedSessionToken(new Headers({ cookie }))!;
    expect(await readCurrentWorkspace(token)).toMatchObject({
      userId: team.viewer.id,
      workspaceSlug: team.workspace.slug,
      memberRole: "viewer",
      memberCount: 4,
    });
    await db
      .delete(members)
      .where(
        and(eq(members.userId, team.viewer.id), eq(members.organizationId, team.workspace.id)),
      );
    expect(await readCurrentWorkspace(token)).toMatchObject({
      userId: team.viewer.id,
      workspaceId: null,
    });
    expect(await readCurrentWorkspace("not-a-token")).toBeNull();
  });
});
