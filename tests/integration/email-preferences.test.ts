import { and, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, emailUnsubscribes } from "@/lib/db/schema";
import {
  getAccountEmailPreferences,
  setAccountNotificationEmails,
} from "@/lib/email/account-email-preferences";
import { getSuppression, suppress } from "@/lib/email/preferences";
import { sendEmail } from "@/lib/email/send-email";
import { drainJobs } from "@/lib/jobs/worker";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { setFollow } from "@/lib/problems/set-follow";
import { createBoardRow, createTeam, createUser } from "../support/factories";

// The account page's server action runs outside a request here: the session it reads and the
// cache it revalidates are stand-ins; everything below them is real.
const signedIn = vi.hoisted(() => ({ user: null as { id: string; email: string } | null }));
vi.mock("@/lib/auth/session", () => ({
  requireSession: () => {
    if (!signedIn.user) throw new Error("test: nobody is signed in");
    return Promise.resolve({ user: { ...signedIn.user, role: null }, session: { id: "ses_test" } });
  },
  principalOf: (session: { user: { id: string; role: string | null } }) => ({
    userId: session.user.id,
    platformRole: session.user.role,
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { updateEmailPreferencesAction } = await import("@/app/(app)/account/actions");

const as = (user: { id: string }) => ({ userId: user.id });

function preferencesForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

async function saveAs(user: { id: string; email: string }, fields: Record<string, string>) {
  signedIn.user = user;
  return updateEmailPreferencesAction({}, preferencesForm(fields));
}

/** The newest status-change email to an address, after the queue delivered everything due. */
async function latestStatusEmail(to: string) {
  await drainJobs();
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(
      and(eq(emailOutbox.to, to.toLowerCase()), eq(emailOutbox.template, "problem-status-changed")),
    )
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row;
}

/** A published problem the given user follows, and a team member who can move it on. */
async function followedProblem(follower: { id: string }) {
  const team = await createTeam();
  const board = await createBoardRow(team.workspace.id);
  const problem = await createProblem(as(team.member), board.id, {
    title: "Exports time out",
    body: "Large boards never finish exporting.",
  });
  await setFollow(as(follower), problem.id, true);
  return { problem, mover: team.admin };
}

beforeEach(() => {
  signedIn.user = null;
});

describe("status-change emails from the account page", () => {
  it("stop after opting out and start again after opting back in", async () => {
    const fan = await createUser({ email: `Fan.${Date.now()}@Example.com` });
    const { problem, mover } = await followedProblem(fan);
    expect(await getAccountEmailPreferences(as(fan))).toMatchObject({
      notifications: true,
      suppression: null,
    });

    await changeStatus(as(mover), problem.id, { status: "under_review" });
    expect(await latestStatusEmail(fan.email)).toMatchObject({ status: "sent" });

    // Unticked: the checkbox is not submitted at all.
    const off = await saveAs(fan, {});
    expect(off.success).toMatch(/won't get status-change emails/);
    expect(off.values).toEqual({ notifications: "" });
    expect((await getAccountEmailPreferences(as(fan))).notifications).toBe(false);

    await changeStatus(as(mover), problem.id, { status: "planned" });
    const held = await latestStatusEmail(fan.email);
    expect(held).toMatchObject({ status: "suppressed", provider: null, sentAt: null });
    expect(held?.error).toMatch(/unsubscribed from notification/);

    const on = await saveAs(fan, { notifications: "on" });
    expect(on.success).toMatch(/you'll get an email/i);
    expect((await getAccountEmailPreferences(as(fan))).notifications).toBe(true);

    await changeStatus(as(mover), problem.id, { status: "in_progress" });
    const restored = await latestStatusEmail(fan.email);
    expect(restored).toMatchObject({ status: "sent", provider: "local" });
    expect(restored?.subject).toBe("In progress: Exports time out");
  });

  it("only ever change the signed-in user's own address", async () => {
    const alice = await createUser();
    const bob = await createUser();

    // A crafted form naming Bob's address or id still changes Alice's preference only.
    const result = await saveAs(alice, { email: bob.email, userId: bob.id });
    expect(result.error).toBeUndefined();
    expect((await getAccountEmailPreferences(as(alice))).notifications).toBe(false);
    expect((await getAccountEmailPreferences(as(bob))).notifications).toBe(true);
    const rows = await db.select().from(emailUnsubscribes);
    expect(rows.map((row) => row.email)).toEqual([alice.email.toLowerCase()]);

    // And Bob still gets his notifications.
    await sendEmail("problem-status-changed", bob.email, {
      problemTitle: "Slow search",
      boardName: "Acme feedback",
      fromStatus: "Open",
      toStatus: "Planned",
      note: "",
      url: "http://localhost:3000/b/acme/feedback/p/prb_1",
    });
    expect(await latestStatusEmail(bob.email)).toMatchObject({ status: "sent" });
  });

  it("refuses a tampered checkbox value without changing anything", async () => {
    const carol = await createUser();
    const result = await saveAs(carol, { notifications: "off" });
    expect(result.error).toMatch(/out of date/);
    expect((await getAccountEmailPreferences(as(carol))).notifications).toBe(true);
  });

  it("setting the same choice twice is harmless", async () => {
    const dave = await createUser();
    await setAccountNotificationEmails(as(dave), false);
    await setAccountNotificationEmails(as(dave), false);
    expect((await getAccountEmailPreferences(as(dave))).notifications).toBe(false);
    await setAccountNotificationEmails(as(dave), true);
    await setAccountNotificationEmails(as(dave), true);
    expect((await getAccountEmailPreferences(as(dave))).notifications).toBe(true);
  });
});

describe("a suppressed address", () => {
  it("is reported on the account page and gets no notifications even when opted in", async () => {
    const bouncer = await createUser({ email: `Bouncer.${Date.now()}@Example.com` });
    const { problem, mover } = await followedProblem(bouncer);
    expect(await getSuppression(bouncer.email)).toBeNull();

    await suppress(bouncer.email, "bounced", "mailbox does not exist");
    const preferences = await getAccountEmailPreferences(as(bouncer));
    expect(preferences.notifications).toBe(true);
    expect(preferences.suppression).toMatchObject({ reason: "bounced", since: expect.any(Date) });
    expect(await getSuppression(bouncer.email.toUpperCase())).toMatchObject({ reason: "bounced" });

    await changeStatus(as(mover), problem.id, { status: "planned" });
    const email = await latestStatusEmail(bouncer.email);
    expect(email).toMatchObject({ status: "suppressed", error: "address bounced" });
  });

  it("tells complaints apart from bounces", async () => {
    const user = await createUser();
    await suppress(user.email, "complained");
    expect((await getAccountEmailPreferences(as(user))).suppression?.reason).toBe("complained");
  });
});

describe("without a user row", () => {
  it("is not found rather than acting on some other address", async () => {
    await expect(getAccountEmailPreferences({ userId: "usr_missing" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      setAccountNotificationEmails({ userId: "usr_missing" }, false),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
