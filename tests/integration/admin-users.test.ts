// The console's Users section: search and filters, the user page, and the actions on a user
// (ban/unban, end one or all sessions, resend verification), each through the real server
// actions with a real platform admin session, Better Auth's admin plugin and the audit trail.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { searchUsers, USER_PAGE_SIZE } from "@/lib/admin/search-users";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import { initialFormState, type FormState } from "@/lib/auth/form-state";
import { db } from "@/lib/db";
import { auditLog, emailOutbox, sessions, users } from "@/lib/db/schema";
import { isAppError } from "@/lib/errors";
import { actAs, cookieOf, createPlatformAdmin, formData, html } from "../support/admin-request";
import { getSessionFor, signIn } from "../support/auth-client";
import { addMember, createUser, createWorkspaceRow, TEST_PASSWORD } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const actions = await import("@/app/admin/users/actions");
const { default: UserPage } = await import("@/app/admin/users/[userId]/page");
const { default: UsersPage } = await import("@/app/admin/users/page");

let operator: Awaited<ReturnType<typeof createPlatformAdmin>>;
let operatorCookie: string;
let admin: AdminPrincipal;

beforeAll(async () => {
  operator = await createPlatformAdmin();
  operatorCookie = await cookieOf(operator.email);
  admin = { userId: operator.id, platformRole: "admin", impersonatorId: null };
});

async function act(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  fields: Record<string, string>,
) {
  actAs(operatorCookie);
  return action(initialFormState, formData(fields));
}

const latestAdminEntry = async (targetId: string) =>
  (
    await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, targetId), eq(auditLog.actorId, operator.id)))
      .orderBy(desc(auditLog.seq))
      .limit(1)
  )[0];

describe("searching users", () => {
  const tag = `srch${Date.now().toString(36)}`;
  let banned: { id: string };
  let unverified: { id: string; email: string };
  let named: { id: string; email: string };

  beforeAll(async () => {
    for (let i = 0; i < USER_PAGE_SIZE + 2; i++) {
      await createUser({ email: `${tag}-${i}@example.com`, name: `Crowd ${i}` });
    }
    banned = await createUser({ email: `${tag}-banned@example.com` });
    await db.update(users).set({ banned: true }).where(eq(users.id, banned.id));
    unverified = await createUser({ email: `${tag}-unverified@example.com`, verified: false });
    named = await createUser({ name: `Zelda ${tag} Quux` });
  });

  it("by email prefix, a page at a time, without overlap", async () => {
    const first = await searchUsers(admin, { q: `${tag}-` });
    expect(first.rows).toHaveLength(USER_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await searchUsers(admin, { q: `${tag}-`, cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(USER_PAGE_SIZE + 4 - USER_PAGE_SIZE);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.rows, ...second.rows].map((row) => row.id);
    expect(new Set(ids).size).toBe(USER_PAGE_SIZE + 4);
    // A prefix, not a substring: the middle of an address finds nothing.
    expect((await searchUsers(admin, { q: `${tag.slice(2)}-1@` })).rows).toEqual([]);
    // LIKE wildcards are literal characters.
    expect((await searchUsers(admin, { q: `${tag}%` })).rows).toEqual([]);
  });

  it("by name (contains) and by id (exact)", async () => {
    expect((await searchUsers(admin, { q: `${tag} quux` })).rows.map((r) => r.id)).toEqual([
      named.id,
    ]);
    expect((await searchUsers(admin, { q: unverified.id })).rows.map((r) => r.id)).toEqual([
      unverified.id,
    ]);
  });

  it("filtered by status and platform role", async () => {
    const ids = async (filters: Record<string, string>) =>
      (await searchUsers(admin, { q: `${tag}-`, ...filters })).rows.map((r) => r.id);
    expect(await ids({ status: "banned" })).toEqual([banned.id]);
    expect(await ids({ status: "unverified" })).toEqual([unverified.id]);
    expect(await ids({ status: "active" })).not.toContain(banned.id);
    expect(await ids({ role: "admin" })).toEqual([]);
    expect((await searchUsers(admin, { role: "admin", q: operator.email })).rows).toHaveLength(1);
  });

  it("refuses an unknown filter by field", async () => {
    const error = await searchUsers(admin, { status: "deleted" }).catch((e: unknown) => e);
    expect(isAppError(error) && error.fieldErrors?.status).toEqual([
      "Pick a status from the list.",
    ]);
  });

  it("renders the list page with the filters labelled and the rows in a captioned table", async () => {
    actAs(operatorCookie);
    const markup = html(
      await UsersPage({ searchParams: Promise.resolve({ q: `${tag}-banned`, status: "banned" }) }),
    );
    expect(markup).toContain(`${tag}-banned@example.com`);
    expect(markup).toContain("<caption");
    expect(markup).toMatch(/<label[^>]*for="users-status"/);
    expect(markup).not.toContain("Next page");
    // A bad filter is a message on the page, not an error page.
    const bad = html(await UsersPage({ searchParams: Promise.resolve({ role: "root" }) }));
    expect(bad).toContain("Pick a role from the list.");
  });
});

describe("a user's page", () => {
  it("shows profile, sessions, workspaces, emails and audit entries", async () => {
    const user = await createUser({ name: "Page Person" });
    const workspace = await createWorkspaceRow({ name: "Acme Page Co" });
    await addMember(workspace.id, user.id, "admin");
    await signIn(user.email, TEST_PASSWORD);
    await db.insert(emailOutbox).values({
      id: `eml_page${Date.now().toString(36)}`,
      template: "welcome",
      to: user.email,
      from: "Problemboard <hello@example.com>",
      subject: "Welcome to Problemboard",
    });
    actAs(operatorCookie);
    const markup = html(await UserPage({ params: Promise.resolve({ userId: user.id }) }));
    expect(markup).toContain("Page Person");
    expect(markup).toContain("Sessions (1)");
    expect(markup).toContain("Acme Page Co");
    expect(markup).toContain("Welcome to Problemboard");
    expect(markup).toContain("auth.sign_in");
    expect(markup).toMatch(/<label[^>]*for="ban-reason"/);
  });

  it("is a 404 for an unknown or malformed id", async () => {
    const { NotFound } = await import("../support/next-stubs");
    actAs(operatorCookie);
    for (const userId of ["usr_doesnotexist", "../etc"]) {
      await expect(UserPage({ params: Promise.resolve({ userId }) })).rejects.toBeInstanceOf(
        NotFound,
      );
    }
  });
});

describe("banning and unbanning", () => {
  it("bans with a reason and an end: sessions end, sign-in is refused, the trail has it", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    expect(await getSessionFor(cookie)).not.toBeNull();

    const state = await act(actions.banUserAction, {
      userId: user.id,
      reason: "Spam across three workspaces",
      expiresInDays: "7",
    });
    expect(state).toEqual({ success: "Banned. Their sessions have ended." });
    expect(await getSessionFor(cookie)).toBeNull();
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(403);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ banned: true, banReason: "Spam across three workspaces" });
    const days = (row!.banExpires!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(await latestAdminEntry(user.id)).toMatchObject({
      action: "admin.user_banned",
      actorType: "user",
      actorId: operator.id,
      metadata: { reason: "Spam across three workspaces", expiresInDays: 7 },
    });

    const unban = await act(actions.unbanUserAction, {
      userId: user.id,
      reason: "Appeal accepted",
    });
    expect(unban).toEqual({ success: "The ban is lifted." });
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    expect((await latestAdminEntry(user.id))?.action).toBe("admin.user_unbanned");
  });

  it("needs a reason, a sensible length, and refuses banning yourself", async () => {
    const user = await createUser();
    const noReason = await act(actions.banUserAction, { userId: user.id, reason: " " });
    expect(noReason.fieldErrors?.reason?.[0]).toContain("reason");
    const badLength = await act(actions.banUserAction, {
      userId: user.id,
      reason: "Abusive messages",
      expiresInDays: "0",
    });
    expect(badLength.fieldErrors?.expiresInDays).toEqual([
      "A ban lasts at least 1 day (leave it empty for no end).",
    ]);
    const self = await act(actions.banUserAction, {
      userId: operator.id,
      reason: "Testing myself",
    });
    expect(self.error).toBe("You can't ban yourself. Ask another platform admin.");
    const unknown = await act(actions.banUserAction, {
      userId: "usr_nobody",
      reason: "No such user",
    });
    expect(unknown.error).toBe("No user has this id.");
    const rows = await db.select({ banned: users.banned }).from(users).where(eq(users.id, user.id));
    expect(rows[0]?.banned).toBe(false);
    expect(await latestAdminEntry(user.id)).toBeUndefined();
  });
});

describe("sessions", () => {
  it("ends one session, never another user's, and then all of them", async () => {
    const user = await createUser();
    const other = await createUser();
    const a = await signIn(user.email, TEST_PASSWORD);
    const b = await signIn(user.email, TEST_PASSWORD);
    await signIn(other.email, TEST_PASSWORD);
    const sessionA = (await getSessionFor(a.cookie))!.session.id;
    const [otherSession] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, other.id));

    const foreign = await act(actions.revokeSessionAction, {
      userId: user.id,
      sessionId: otherSession!.id,
      reason: "Wrong user on purpose",
    });
    expect(foreign.error).toBe("This session has already ended.");
    expect(await db.select().from(sessions).where(eq(sessions.userId, other.id))).toHaveLength(1);

    const one = await act(actions.revokeSessionAction, {
      userId: user.id,
      sessionId: sessionA,
      reason: "Lost laptop",
    });
    expect(one).toEqual({ success: "The session has ended." });
    expect(await getSessionFor(a.cookie)).toBeNull();
    expect(await getSessionFor(b.cookie)).not.toBeNull();

    const all = await act(actions.revokeAllSessionsAction, {
      userId: user.id,
      reason: "Account takeover suspected",
    });
    expect(all).toEqual({ success: "Signed out everywhere." });
    expect(await getSessionFor(b.cookie)).toBeNull();
    expect((await latestAdminEntry(user.id))?.action).toBe("admin.sessions_revoked");
  });
});

describe("resending verification", () => {
  it("emails an unverified user, and refuses a verified one", async () => {
    const user = await createUser({ verified: false });
    const state = await act(actions.resendVerificationAction, {
      userId: user.id,
      reason: "Customer asked by chat",
    });
    expect(state).toEqual({ success: "The verification email is on its way." });
    const [email] = await db
      .select({ template: emailOutbox.template })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, user.email));
    expect(email?.template).toBe("verify-email");
    expect((await latestAdminEntry(user.id))?.action).toBe("admin.verification_resent");

    const verified = await createUser();
    const refused = await act(actions.resendVerificationAction, {
      userId: verified.id,
      reason: "Customer asked by chat",
    });
    expect(refused.error).toBe("This address is already verified.");
  });
});
