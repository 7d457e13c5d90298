import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, invitations, members, users } from "@/lib/db/schema";
import { acceptInvitation } from "@/lib/workspaces/accept-invitation";
import { cancelInvitation } from "@/lib/workspaces/cancel-invitation";
import { changeMemberRole } from "@/lib/workspaces/change-member-role";
import { getInvitation } from "@/lib/workspaces/get-invitation";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { listInvitations } from "@/lib/workspaces/list-invitations";
import { removeMember } from "@/lib/workspaces/remove-member";
import {
  addMember,
  createTeam,
  createUser,
  latestEmail,
  linkIn,
  personalWorkspaceOf,
} from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });

async function emailsTo(address: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.to, address.toLowerCase()));
}

async function invitationsIn(workspaceId: string) {
  return db.select().from(invitations).where(eq(invitations.organizationId, workspaceId));
}

async function roleOf(workspaceId: string, userId: string) {
  const [row] = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.userId, userId)));
  return row?.role ?? null;
}

async function rolesIn(workspaceId: string) {
  const rows = await db
    .select({ userId: members.userId, role: members.role })
    .from(members)
    .where(eq(members.organizationId, workspaceId));
  return Object.fromEntries(rows.map((row) => [row.userId, row.role]));
}

describe("inviting and accepting", () => {
  it("sends one email whose link lets the invited user join", async () => {
    const team = await createTeam();
    const invitee = await createUser({ email: `Invitee-${Date.now()}@Example.com` });
    const invitation = await inviteMember(as(team.admin), team.workspace.id, {
      email: ` ${invitee.email.toUpperCase()} `,
      role: "member",
    });
    expect(invitation).toMatchObject({ email: invitee.email.toLowerCase(), status: "pending" });
    const days = (invitation.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    expect(await emailsTo(invitee.email)).toHaveLength(1);
    const email = await latestEmail(invitee.email);
    expect(email?.template).toBe("workspace-invitation");
    expect(email?.subject).toContain(team.workspace.name);
    const link = linkIn(email!.text, "/invitations/");
    const id = new URL(link).pathname.split("/").pop()!;
    expect(id).toBe(invitation.id);

    const details = await getInvitation(as(invitee), id);
    expect(details).toMatchObject({
      workspaceName: team.workspace.name,
      inviterName: "admin user",
      role: "member",
      state: "pending",
    });
    expect(await listInvitations(as(team.owner), team.workspace.id)).toEqual([
      expect.objectContaining({ id, email: invitee.email.toLowerCase(), role: "member" }),
    ]);

    expect(await acceptInvitation(as(invitee), id)).toBe(team.workspace.slug);
    expect(await roleOf(team.workspace.id, invitee.id)).toBe("member");
    const [row] = await invitationsIn(team.workspace.id);
    expect(row?.status).toBe("accepted");
    const [user] = await db.select().from(users).where(eq(users.id, invitee.id));
    expect(user?.lastWorkspaceId).toBe(team.workspace.id);
    expect(await listInvitations(as(team.owner), team.workspace.id)).toEqual([]);

    await expect(acceptInvitation(as(invitee), id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already been used/),
    });
  });

  it("hides an invitation from anyone else, and lets them change nothing", async () => {
    const team = await createTeam();
    const invitee = await createUser();
    const stranger = await createUser();
    const { id } = await inviteMember(as(team.owner), team.workspace.id, {
      email: invitee.email,
      role: "admin",
    });
    for (const user of [stranger, team.member]) {
      await expect(acceptInvitation(as(user), id)).rejects.toMatchObject({ code: "not_found" });
      await expect(getInvitation(as(user), id)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await roleOf(team.workspace.id, stranger.id)).toBeNull();
    expect(await roleOf(team.workspace.id, team.member.id)).toBe("member");
    const [row] = await invitationsIn(team.workspace.id);
    expect(row?.status).toBe("pending");
    await expect(acceptInvitation(as(invitee), "inv_doesnotexist")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses an expired invitation and writes nothing", async () => {
    const team = await createTeam();
    const invitee = await createUser();
    const { id } = await inviteMember(as(team.owner), team.workspace.id, {
      email: invitee.email,
      role: "viewer",
    });
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, id));
    expect((await getInvitation(as(invitee), id)).state).toBe("expired");
    await expect(acceptInvitation(as(invitee), id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/expired/),
    });
    expect(await roleOf(team.workspace.id, invitee.id)).toBeNull();
    expect((await invitationsIn(team.workspace.id))[0]?.status).toBe("pending");
    expect(await listInvitations(as(team.owner), team.workspace.id)).toEqual([]);
  });

  it("replaces a pending invitation for the same address", async () => {
    const team = await createTeam();
    const invitee = await createUser();
    const first = await inviteMember(as(team.owner), team.workspace.id, {
      email: invitee.email,
      role: "viewer",
    });
    const second = await inviteMember(as(team.admin), team.workspace.id, {
      email: invitee.email.toUpperCase(),
      role: "admin",
    });
    const statuses = Object.fromEntries(
      (await invitationsIn(team.workspace.id)).map((row) => [row.id, row.status]),
    );
    expect(statuses).toEqual({ [first.id]: "canceled", [second.id]: "pending" });
    expect(await emailsTo(invitee.email)).toHaveLength(2);

    await expect(acceptInvitation(as(invitee), first.id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/canceled/),
    });
    expect(await roleOf(team.workspace.id, invitee.id)).toBeNull();
    await acceptInvitation(as(invitee), second.id);
    expect(await roleOf(team.workspace.id, invitee.id)).toBe("admin");
  });

  it("keeps an existing membership when a member accepts a stale invitation", async () => {
    const team = await createTeam();
    const invitee = await createUser();
    const { id } = await inviteMember(as(team.owner), team.workspace.id, {
      email: invitee.email,
      role: "admin",
    });
    await addMember(team.workspace.id, invitee.id, "viewer");
    expect(await acceptInvitation(as(invitee), id)).toBe(team.workspace.slug);
    expect(await roleOf(team.workspace.id, invitee.id)).toBe("viewer");
  });
});

describe("who may invite", () => {
  it("refuses viewers, members and outsiders, and writes nothing", async () => {
    const team = await createTeam();
    const outsider = await createUser();
    const email = `nobody-${Date.now()}@example.com`;
    for (const user of [team.viewer, team.member]) {
      await expect(
        inviteMember(as(user), team.workspace.id, { email, role: "viewer" }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(listInvitations(as(user), team.workspace.id)).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    await expect(
      inviteMember(as(outsider), team.workspace.id, { email, role: "viewer" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await invitationsIn(team.workspace.id)).toEqual([]);
    expect(await emailsTo(email)).toEqual([]);
  });

  it("lets only an owner invite an owner", async () => {
    const team = await createTeam();
    const email = `future-owner-${Date.now()}@example.com`;
    await expect(
      inviteMember(as(team.admin), team.workspace.id, { email, role: "owner" }),
    ).rejects.toMatchObject({ code: "forbidden", fieldErrors: { role: [expect.any(String)] } });
    expect(await invitationsIn(team.workspace.id)).toEqual([]);
    expect(await emailsTo(email)).toEqual([]);

    const invitation = await inviteMember(as(team.owner), team.workspace.id, {
      email,
      role: "owner",
    });
    expect(invitation.role).toBe("owner");
  });

  it("names the field for an invalid address, a current member or a bad role", async () => {
    const team = await createTeam();
    await expect(
      inviteMember(as(team.owner), team.workspace.id, { email: "not-an-email", role: "member" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { email: [expect.any(String)] },
    });
    await expect(
      inviteMember(as(team.owner), team.workspace.id, { email: "a@example.com", role: "boss" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { role: [expect.any(String)] },
    });
    await expect(
      inviteMember(as(team.admin), team.workspace.id, {
        email: team.viewer.email.toUpperCase(),
        role: "member",
      }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: [expect.stringMatching(/already a member/)] },
    });
    expect(await invitationsIn(team.workspace.id)).toEqual([]);
    expect(await emailsTo(team.viewer.email)).toEqual([]);
  });
});

describe("changing roles", () => {
  it("lets admins manage non-owners but not owners or ownership", async () => {
    const team = await createTeam();
    const before = await rolesIn(team.workspace.id);
    await expect(
      changeMemberRole(as(team.admin), team.workspace.id, { userId: team.owner.id, role: "admin" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      changeMemberRole(as(team.admin), team.workspace.id, {
        userId: team.member.id,
        role: "owner",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      changeMemberRole(as(team.member), team.workspace.id, {
        userId: team.viewer.id,
        role: "member",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      changeMemberRole(as(team.admin), team.workspace.id, { userId: team.member.id, role: "god" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { role: [expect.any(String)] },
    });
    expect(await rolesIn(team.workspace.id)).toEqual(before);

    await changeMemberRole(as(team.admin), team.workspace.id, {
      userId: team.member.id,
      role: "viewer",
    });
    expect(await roleOf(team.workspace.id, team.member.id)).toBe("viewer");
  });

  it("never leaves a workspace without an owner", async () => {
    const team = await createTeam();
    await expect(
      changeMemberRole(as(team.owner), team.workspace.id, { userId: team.owner.id, role: "admin" }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "A workspace needs at least one owner.",
    });
    expect(await roleOf(team.workspace.id, team.owner.id)).toBe("owner");

    await changeMemberRole(as(team.owner), team.workspace.id, {
      userId: team.admin.id,
      role: "owner",
    });
    await changeMemberRole(as(team.owner), team.workspace.id, {
      userId: team.owner.id,
      role: "member",
    });
    expect(await roleOf(team.workspace.id, team.owner.id)).toBe("member");
    expect(await roleOf(team.workspace.id, team.admin.id)).toBe("owner");
  });
});

describe("removing and leaving", () => {
  it("lets managers remove members, but only owners remove owners", async () => {
    const team = await createTeam();
    const before = await rolesIn(team.workspace.id);
    await expect(
      removeMember(as(team.admin), team.workspace.id, team.owner.id),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeMember(as(team.member), team.workspace.id, team.viewer.id),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeMember(as(team.owner), team.workspace.id, "usr_notamember"),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await rolesIn(team.workspace.id)).toEqual(before);

    await removeMember(as(team.admin), team.workspace.id, team.viewer.id);
    expect(await roleOf(team.workspace.id, team.viewer.id)).toBeNull();
    await addMember(team.workspace.id, team.viewer.id, "owner");
    await removeMember(as(team.owner), team.workspace.id, team.viewer.id);
    expect(await roleOf(team.workspace.id, team.viewer.id)).toBeNull();
  });

  it("lets anyone leave, except the last owner and the owner of a personal workspace", async () => {
    const team = await createTeam();
    await removeMember(as(team.viewer), team.workspace.id, team.viewer.id);
    expect(await roleOf(team.workspace.id, team.viewer.id)).toBeNull();

    await expect(
      removeMember(as(team.owner), team.workspace.id, team.owner.id),
    ).rejects.toMatchObject({ code: "conflict", message: /at least one owner/ });
    expect(await roleOf(team.workspace.id, team.owner.id)).toBe("owner");

    const personal = await personalWorkspaceOf(team.owner.id);
    await expect(removeMember(as(team.owner), personal!.id, team.owner.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await roleOf(personal!.id, team.owner.id)).toBe("owner");

    await changeMemberRole(as(team.owner), team.workspace.id, {
      userId: team.admin.id,
      role: "owner",
    });
    await removeMember(as(team.owner), team.workspace.id, team.owner.id);
    expect(await roleOf(team.workspace.id, team.owner.id)).toBeNull();
  });
});

describe("across workspaces", () => {
  it("treats ids from another workspace as not found and changes nothing", async () => {
    const mine = await createTeam();
    const theirs = await createTeam();
    const invitee = await createUser();
    const foreign = await inviteMember(as(theirs.owner), theirs.workspace.id, {
      email: invitee.email,
      role: "member",
    });
    const theirRoles = await rolesIn(theirs.workspace.id);

    await expect(
      cancelInvitation(as(mine.owner), mine.workspace.id, foreign.id),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      cancelInvitation(as(mine.owner), theirs.workspace.id, foreign.id),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      removeMember(as(mine.owner), mine.workspace.id, theirs.member.id),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      changeMemberRole(as(mine.owner), mine.workspace.id, {
        userId: theirs.member.id,
        role: "viewer",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      removeMember(as(mine.owner), theirs.workspace.id, theirs.member.id),
    ).rejects.toMatchObject({ code: "not_found" });

    expect((await invitationsIn(theirs.workspace.id))[0]?.status).toBe("pending");
    expect(await rolesIn(theirs.workspace.id)).toEqual(theirRoles);
  });

  it("cancels an invitation of the right workspace, after which it cannot be accepted", async () => {
    const team = await createTeam();
    const invitee = await createUser();
    const { id } = await inviteMember(as(team.owner), team.workspace.id, {
      email: invitee.email,
      role: "member",
    });
    await expect(cancelInvitation(as(team.member), team.workspace.id, id)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await invitationsIn(team.workspace.id))[0]?.status).toBe("pending");
    await cancelInvitation(as(team.admin), team.workspace.id, id);
    expect((await invitationsIn(team.workspace.id))[0]?.status).toBe("canceled");
    await expect(acceptInvitation(as(invitee), id)).rejects.toMatchObject({ code: "conflict" });
    expect(await roleOf(team.workspace.id, invitee.id)).toBeNull();
  });
});
