import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { invitations } from "@/lib/db/schema";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { getInvitationPreview, listMyInvitations } from "@/lib/workspaces/list-my-invitations";
import { addMember, createTeam, createUser } from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });
const DAY_MS = 86_400_000;

async function invite(team: Awaited<ReturnType<typeof createTeam>>, email: string) {
  const invitation = await inviteMember(as(team.owner), team.workspace.id, {
    email,
    role: "member",
  });
  return invitation.id;
}

describe("invitations waiting for me", () => {
  it("lists pending invitations to my verified address, and nothing else", async () => {
    const team = await createTeam();
    const token = Math.random().toString(36).slice(2, 8);
    const invitee = await createUser({ email: `Invitee-${token}@example.com` });
    const id = await invite(team, `invitee-${token}@example.com`);

    expect(await listMyInvitations(as(invitee))).toEqual([
      { id, workspaceName: team.workspace.name },
    ]);
    // Someone else, an unverified holder of the same address, a member already: nothing.
    expect(await listMyInvitations(as(await createUser()))).toEqual([]);
    const unverified = await createUser({ email: `late-${token}@example.com`, verified: false });
    await invite(team, `late-${token}@example.com`);
    expect(await listMyInvitations(as(unverified))).toEqual([]);
    const member = await createUser({ email: `member-${token}@example.com` });
    await invite(team, `member-${token}@example.com`);
    await addMember(team.workspace.id, member.id, "member");
    expect(await listMyInvitations(as(member))).toEqual([]);

    // Expired or canceled: gone.
    await db
      .update(invitations)
      .set({ expiresAt: new Date(now().getTime() - DAY_MS) })
      .where(eq(invitations.id, id));
    expect(await listMyInvitations(as(invitee))).toEqual([]);
  });

  it("previews a pending invitation for the sign-up page, and nothing once it is used", async () => {
    const team = await createTeam();
    const token = Math.random().toString(36).slice(2, 8);
    const id = await invite(team, `new-${token}@example.com`);
    expect(await getInvitationPreview(id)).toEqual({
      email: `new-${token}@example.com`,
      workspaceName: team.workspace.name,
    });
    await db.update(invitations).set({ status: "canceled" }).where(eq(invitations.id, id));
    expect(await getInvitationPreview(id)).toBeNull();
    expect(await getInvitationPreview("inv_nope")).toBeNull();
  });
});
