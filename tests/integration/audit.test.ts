import { spawn } from "node:child_process";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow, type HashedFields } from "@/lib/audit/chain";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { recordAudit, SYSTEM_ACTOR, type AuditAction } from "@/lib/audit/record";
import { verifyAll, verifyAuditChain } from "@/lib/audit/verify";
import { startCheckout } from "@/lib/billing/checkout";
import { syncCustomer } from "@/lib/billing/sync";
import { createBoard } from "@/lib/boards/create-board";
import { deleteBoard, setBoardArchived, updateBoard } from "@/lib/boards/update-board";
import { auth } from "@/lib/auth/auth";
import { principalOf } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { auditLog, billingAccounts, users, type AuditLogRow } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { banAuthor, unbanAuthor } from "@/lib/moderation/bans";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { acceptInvitation } from "@/lib/workspaces/accept-invitation";
import { cancelInvitation } from "@/lib/workspaces/cancel-invitation";
import { changeMemberRole } from "@/lib/workspaces/change-member-role";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { removeMember } from "@/lib/workspaces/remove-member";
import { authFetch, getSessionFor, nextIp, signIn } from "../support/auth-client";
import { payCheckout, startBillingHarness, type BillingHarness } from "../support/billing";
import {
  addMember,
  createBoardRow,
  createProblemRow,
  createTeam,
  createUser,
  latestEmail,
  linkIn,
  setPlan,
  TEST_PASSWORD,
} from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });
const STRONG = "a-much-longer-passphrase-2026";

/** A chain's entries in append order, optionally only one action. */
async function entries(workspaceId: string | null, action?: AuditAction) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        workspaceId === null ? isNull(auditLog.workspaceId) : eq(auditLog.workspaceId, workspaceId),
        action ? eq(auditLog.action, action) : undefined,
      ),
    )
    .orderBy(asc(auditLog.seq));
}

/** Global-chain entries about one user (as actor or target). */
async function accountEntries(userId: string, action: AuditAction) {
  const rows = await entries(null, action);
  return rows.filter((row) => row.actorId === userId || row.targetId === userId);
}

/** The database's error text (Drizzle wraps the driver's error as its cause). */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    return `${error instanceof Error ? error.message : String(error)} ${cause}`;
  }
  throw new Error("expected the statement to fail");
}

async function withTriggerOff<T>(work: () => Promise<T>): Promise<T> {
  await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    return await work();
  } finally {
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
}

describe("recording", () => {
  it("chains each workspace's entries from the genesis hash, and verifies", async () => {
    const team = await createTeam();
    const first = await recordAudit(db, {
      workspaceId: team.workspace.id,
      actor: { type: "user", id: team.owner.id },
      action: "board.created",
      target: { type: "board", id: "brd_1" },
      metadata: { when: new Date("2026-01-02T03:04:05.678Z"), nested: { b: 1, a: [1, "x"] } },
    });
    const second = await recordAudit(db, {
      workspaceId: team.workspace.id,
      actor: SYSTEM_ACTOR,
      action: "billing.subscription_changed",
    });
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    // Outside a request there is no client address, agent or request id.
    expect(first).toMatchObject({ ip: null, userAgent: null, requestId: null });
    expect(first.metadata).toEqual({
      when: "2026-01-02T03:04:05.678Z",
      nested: { a: [1, "x"], b: 1 },
    });
    const [stored] = await entries(team.workspace.id, "board.created");
    expect(hashAuditRow(stored!.prevHash, stored!)).toBe(stored!.hash);
    expect(await verifyAuditChain(team.workspace.id)).toMatchObject({
      ok: true,
      rows: 2,
      head: second.hash,
    });
  });

  it("commits and rolls back with the caller's transaction", async () => {
    const team = await createTeam();
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, {
          workspaceId: team.workspace.id,
          actor: { type: "user", id: team.owner.id },
          action: "board.deleted",
        });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect(await entries(team.workspace.id)).toHaveLength(0);
  });

  it("keeps one valid chain under 20 concurrent appends", async () => {
    const team = await createTeam();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(db, {
          workspaceId: team.workspace.id,
          actor: { type: "user", id: team.owner.id },
          action: "board.updated",
          metadata: { i },
        }),
      ),
    );
    const rows = await entries(team.workspace.id);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((row) => row.prevHash)).size).toBe(20);
    expect(new Set(rows.map((row) => row.metadata.i)).size).toBe(20);
    expect(await verifyAuditChain(team.workspace.id)).toMatchObject({ ok: true, rows: 20 });
  });
});

describe("the database keeps the log append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const team = await createTeam();
    const row = await recordAudit(db, {
      workspaceId: team.workspace.id,
      actor: { type: "user", id: team.owner.id },
      action: "member.invited",
    });
    expect(
      await failureOf(
        db.update(auditLog).set({ action: "member.removed" }).where(eq(auditLog.id, row.id)),
      ),
    ).toContain("audit_log is append-only: UPDATE");
    expect(await failureOf(db.delete(auditLog).where(eq(auditLog.id, row.id)))).toContain(
      "audit_log is append-only: DELETE",
    );
    expect(await failureOf(db.execute(sql`truncate audit_log`))).toContain(
      "audit_log is append-only: TRUNCATE",
    );
    const [still] = await entries(team.workspace.id);
    expect(still).toMatchObject({ id: row.id, action: "member.invited" });
  });

  it("refuses a second row claiming the same predecessor (no forks)", async () => {
    const team = await createTeam();
    const row = await recordAudit(db, {
      workspaceId: team.workspace.id,
      actor: SYSTEM_ACTOR,
      action: "board.created",
    });
    const forged: HashedFields = {
      ...row,
      id: createId("aud"),
      createdAt: new Date(),
      metadata: {},
    };
    expect(
      await failureOf(
        db.insert(auditLog).values({ ...forged, prevHash: GENESIS_HASH, hash: "f".repeat(64) }),
      ),
    ).toMatch(/audit_log_chain_link_unique|duplicate key/);
  });

  it("lets a workspace be deleted and keeps its history", async () => {
    const user = await createUser();
    const workspace = await createWorkspace(as(user), { name: "Short lived" });
    await db.execute(sql`delete from workspaces where id = ${workspace.id}`);
    const rows = await entries(workspace.id);
    expect(rows.map((row) => row.action)).toEqual(["workspace.created"]);
    expect((await verifyAuditChain(workspace.id)).ok).toBe(true);
  });
});

describe("tampering is found", () => {
  async function chainOf(count: number) {
    const team = await createTeam();
    const rows: AuditLogRow[] = [];
    for (let i = 0; i < count; i++) {
      rows.push(
        await recordAudit(db, {
          workspaceId: team.workspace.id,
          actor: { type: "user", id: team.owner.id },
          action: "member.role_changed",
          metadata: { i },
        }),
      );
    }
    return { workspaceId: team.workspace.id, rows };
  }

  it("an edited row, by its id", async () => {
    const { workspaceId, rows } = await chainOf(4);
    await withTriggerOff(() =>
      db
        .update(auditLog)
        .set({ metadata: { i: 1, to: "owner" } })
        .where(eq(auditLog.id, rows[1]!.id)),
    );
    const report = await verifyAuditChain(workspaceId);
    expect(report).toMatchObject({
      ok: false,
      broken: { id: rows[1]!.id, seq: rows[1]!.seq, reason: "edited" },
    });
    // Recomputing the edited row's hash moves the break to the row after it.
    await withTriggerOff(async () => {
      const [edited] = await db.select().from(auditLog).where(eq(auditLog.id, rows[1]!.id));
      await db
        .update(auditLog)
        .set({ hash: hashAuditRow(edited!.prevHash, edited!) })
        .where(eq(auditLog.id, rows[1]!.id));
    });
    expect((await verifyAuditChain(workspaceId)).broken).toMatchObject({
      id: rows[2]!.id,
      reason: "link_broken",
    });
  });

  it("a deleted row, at the row after it", async () => {
    const { workspaceId, rows } = await chainOf(4);
    await withTriggerOff(() => db.delete(auditLog).where(eq(auditLog.id, rows[2]!.id)));
    expect((await verifyAuditChain(workspaceId)).broken).toMatchObject({
      id: rows[3]!.id,
      reason: "link_broken",
    });
  });

  it("a deleted first row", async () => {
    const { workspaceId, rows } = await chainOf(2);
    await withTriggerOff(() => db.delete(auditLog).where(eq(auditLog.id, rows[0]!.id)));
    expect((await verifyAuditChain(workspaceId)).broken).toMatchObject({
      id: rows[1]!.id,
      reason: "link_broken",
      message: expect.stringContaining("rows before it were deleted"),
    });
  });

  it("reordered rows", async () => {
    const { workspaceId, rows } = await chainOf(3);
    const [a, b] = [rows[0]!, rows[1]!];
    await withTriggerOff(async () => {
      await db.update(auditLog).set({ seq: -1 }).where(eq(auditLog.id, a.id));
      await db.update(auditLog).set({ seq: a.seq }).where(eq(auditLog.id, b.id));
      await db.update(auditLog).set({ seq: b.seq }).where(eq(auditLog.id, a.id));
    });
    expect((await verifyAuditChain(workspaceId)).broken).toMatchObject({
      id: b.id,
      reason: "link_broken",
    });
  });

  it("verifyAll reports every broken chain and passes the intact ones", async () => {
    const intact = await chainOf(2);
    const result = await verifyAll();
    expect(result.ok).toBe(false);
    const byId = new Map(result.chains.map((chain) => [chain.workspaceId, chain]));
    expect(byId.get(intact.workspaceId)).toMatchObject({ ok: true, rows: 2 });
    expect(result.chains.filter((chain) => !chain.ok).length).toBeGreaterThanOrEqual(4);
  });
});

describe("domain actions are recorded once, with their actor", () => {
  it("members: invite, accept, cancel, change role, remove, leave", async () => {
    const team = await createTeam();
    const invitee = await createUser();
    const invitation = await inviteMember(as(team.admin), team.workspace.id, {
      email: invitee.email,
      role: "member",
    });
    await acceptInvitation(as(invitee), invitation.id);
    const other = await inviteMember(as(team.owner), team.workspace.id, {
      email: `someone-${Date.now()}@example.com`,
      role: "viewer",
    });
    await cancelInvitation(as(team.admin), team.workspace.id, other.id);
    await changeMemberRole(as(team.owner), team.workspace.id, {
      userId: invitee.id,
      role: "admin",
    });
    await removeMember(as(team.owner), team.workspace.id, team.viewer.id);
    await removeMember(as(team.member), team.workspace.id, team.member.id);

    const rows = await entries(team.workspace.id);
    expect(
      rows.map((row) => [row.action, row.actorType, row.actorId, row.targetType, row.targetId]),
    ).toEqual([
      ["member.invited", "user", team.admin.id, "invitation", invitation.id],
      ["member.joined", "user", invitee.id, "invitation", invitation.id],
      ["member.invited", "user", team.owner.id, "invitation", other.id],
      ["member.invitation_canceled", "user", team.admin.id, "invitation", other.id],
      ["member.role_changed", "user", team.owner.id, "user", invitee.id],
      ["member.removed", "user", team.owner.id, "user", team.viewer.id],
      ["member.left", "user", team.member.id, "user", team.member.id],
    ]);
    expect(rows[4]!.metadata).toEqual({ from: "member", to: "admin" });
    expect(rows[0]!.metadata).toEqual({ email: invitee.email.toLowerCase(), role: "member" });
    expect((await verifyAuditChain(team.workspace.id)).ok).toBe(true);
  });

  it("a refused change records only the refusal", async () => {
    const team = await createTeam();
    await expect(
      changeMemberRole(as(team.viewer), team.workspace.id, {
        userId: team.member.id,
        role: "admin",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      changeMemberRole(as(team.owner), team.workspace.id, {
        userId: team.owner.id,
        role: "member",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    const rows = await entries(team.workspace.id);
    expect(rows.map((row) => [row.action, row.actorId])).toEqual([
      ["permission.denied", team.viewer.id],
    ]);
    expect(rows[0]!.metadata).toEqual({ permission: "member:update", role: "viewer" });
  });

  it("workspaces and boards", async () => {
    const user = await createUser();
    const workspace = await createWorkspace(as(user), { name: "Acme" });
    await setPlan(workspace.id, "team", { seats: 5 });
    const board = await createBoard(as(user), workspace.id, { name: "Feedback" });
    await updateBoard(as(user), workspace.id, board.id, {
      visibility: "private",
      name: "Feedback",
      description: "A long description",
    });
    await setBoardArchived(as(user), workspace.id, board.id, true);
    await setBoardArchived(as(user), workspace.id, board.id, false);
    await deleteBoard(as(user), workspace.id, board.id);

    const rows = await entries(workspace.id);
    expect(rows.map((row) => [row.action, row.actorId, row.targetId])).toEqual([
      ["workspace.created", user.id, workspace.id],
      ["board.created", user.id, board.id],
      ["board.updated", user.id, board.id],
      ["board.archived", user.id, board.id],
      ["board.restored", user.id, board.id],
      ["board.deleted", user.id, board.id],
    ]);
    expect(rows[2]!.metadata).toEqual({
      visibility: { from: "public", to: "private" },
      description: "changed",
    });
  });

  it("moderation decisions and bans", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const problem = await createProblemRow(board, customer.id, { moderationState: "pending" });
    await moderateContent(as(team.member), team.workspace.id, {
      targetType: "problem",
      targetId: problem.id,
      decision: "approve",
    });
    await banAuthor(as(team.admin), team.workspace.id, customer.id, "Spam links");
    await unbanAuthor(as(team.admin), team.workspace.id, customer.id);
    const rows = await entries(team.workspace.id);
    expect(rows.map((row) => [row.action, row.actorId, row.targetType, row.targetId])).toEqual([
      ["moderation.approved", team.member.id, "problem", problem.id],
      ["moderation.author_banned", team.admin.id, "user", customer.id],
      ["moderation.author_unbanned", team.admin.id, "user", customer.id],
    ]);
    expect(rows[1]!.metadata).toEqual({ reason: "Spam links" });
  });

  it("an admin impersonating a user is recorded as the admin, for that user", async () => {
    const team = await createTeam();
    const operator = await createUser({ name: "Operator" });
    await db.update(users).set({ role: "admin" }).where(eq(users.id, operator.id));
    const admin = await signIn(operator.email, TEST_PASSWORD);
    // As the console starts it (a request to Better Auth's endpoint is refused: docs/admin.md).
    const { headers: setCookies } = await auth.api.impersonateUser({
      body: { userId: team.owner.id },
      headers: new Headers({ cookie: admin.cookie }),
      returnHeaders: true,
    });
    const impersonation = {
      cookie: setCookies
        .getSetCookie()
        .map((c) => c.split(";")[0]!)
        .filter((pair) => !pair.endsWith("="))
        .join("; "),
    };
    const started = await accountEntries(team.owner.id, "admin.impersonation_started");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      actorType: "admin",
      actorId: team.owner.id,
      impersonatorId: operator.id,
    });

    const session = await getSessionFor(impersonation.cookie);
    const principal = principalOf(session!);
    expect(principal).toMatchObject({ userId: team.owner.id, impersonatorId: operator.id });
    await changeMemberRole(principal, team.workspace.id, {
      userId: team.member.id,
      role: "viewer",
    });
    const [changed] = await entries(team.workspace.id, "member.role_changed");
    expect(changed).toMatchObject({
      actorType: "admin",
      actorId: team.owner.id,
      impersonatorId: operator.id,
    });
  });
});

describe("billing changes", () => {
  let harness: BillingHarness;
  beforeAll(async () => {
    harness = await startBillingHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it("records a subscription change as the system, in the sync's transaction", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    const { url } = await startCheckout(as(team.owner), team.workspace.id, {
      plan: "pro",
      interval: "monthly",
    });
    expect((await payCheckout(url)).status).toBe(303);
    const [account] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    await syncCustomer(account!.stripeCustomerId!, { reason: "manual" });
    await syncCustomer(account!.stripeCustomerId!, { reason: "manual" });
    const rows = await entries(team.workspace.id, "billing.subscription_changed");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorType: "system",
      actorId: "system",
      metadata: { planId: "pro", reason: "manual" },
    });
  });
});

describe("account events from Better Auth", () => {
  it("sign-in success and failures, with the client address", async () => {
    const user = await createUser();
    const ip = nextIp();
    expect((await signIn(user.email, "not-the-password", ip)).status).toBe(401);
    const unknownEmail = `nobody-${Date.now()}@example.com`;
    expect((await signIn(unknownEmail, "not-the-password", ip)).status).toBe(401);
    expect((await signIn(user.email, TEST_PASSWORD, ip)).status).toBe(200);

    const failed = await accountEntries(user.id, "auth.sign_in_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      workspaceId: null,
      actorType: "user",
      actorId: user.id,
      ip,
      metadata: { email: user.email.toLowerCase(), reason: "INVALID_EMAIL_OR_PASSWORD" },
    });
    const anonymous = (await entries(null, "auth.sign_in_failed")).filter(
      (row) => row.metadata.email === unknownEmail,
    );
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatchObject({ actorId: null, targetId: null, ip });

    const signedIn = await accountEntries(user.id, "auth.sign_in");
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]).toMatchObject({
      actorType: "user",
      actorId: user.id,
      targetType: "session",
      ip,
      metadata: { method: "password" },
    });
    expect((await verifyAuditChain(null)).ok).toBe(true);
  });

  it("an unverified address is a failed sign-in too", async () => {
    const user = await createUser({ verified: false });
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(403);
    const failed = await accountEntries(user.id, "auth.sign_in_failed");
    expect(failed.map((row) => row.metadata.reason)).toEqual(["EMAIL_NOT_VERIFIED"]);
  });

  it("sign-out, password change and session revocation", async () => {
    const user = await createUser();
    const first = await signIn(user.email, TEST_PASSWORD);
    const second = await signIn(user.email, TEST_PASSWORD);
    const changed = await authFetch("/change-password", {
      body: { currentPassword: TEST_PASSWORD, newPassword: STRONG },
      cookie: second.cookie,
    });
    expect(changed.status).toBe(200);
    expect(await accountEntries(user.id, "auth.password_changed")).toHaveLength(1);

    const revoke = await authFetch("/revoke-other-sessions", { body: {}, cookie: second.cookie });
    expect(revoke.status).toBe(200);
    const revoked = await accountEntries(user.id, "auth.session_revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorId: user.id, metadata: { userId: user.id } });
    expect(await getSessionFor(first.cookie)).toBeNull();

    expect((await authFetch("/sign-out", { body: {}, cookie: second.cookie })).status).toBe(200);
    const signedOut = await accountEntries(user.id, "auth.sign_out");
    expect(signedOut).toHaveLength(1);
    // Two sign-ins; neither the password change nor the revocation counts as one.
    expect(await accountEntries(user.id, "auth.sign_in")).toHaveLength(2);
  });

  it("a password reset through the emailed link", async () => {
    const user = await createUser();
    await authFetch("/request-password-reset", {
      body: { email: user.email, redirectTo: "/reset-password" },
    });
    const link = linkIn((await latestEmail(user.email))!.text, "/api/auth/reset-password/");
    const landing = await authFetch(link);
    const token = new URL(landing.headers.get("location")!, "http://x").searchParams.get("token");
    const reset = await authFetch("/reset-password", { body: { token, newPassword: STRONG } });
    expect(reset.status).toBe(200);
    const rows = await accountEntries(user.id, "auth.password_reset");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: user.id, targetId: user.id });
    expect(rows[0]!.ip).not.toBeNull();
  });

  it("an email change", async () => {
    const user = await createUser();
    const operator = await createUser();
    await db.update(users).set({ role: "admin" }).where(eq(users.id, operator.id));
    const admin = await signIn(operator.email, TEST_PASSWORD);
    const response = await authFetch("/admin/update-user", {
      body: { userId: user.id, data: { email: `changed-${Date.now()}@example.com` } },
      cookie: admin.cookie,
    });
    expect(response.status).toBe(200);
    const rows = await accountEntries(user.id, "auth.email_changed");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: operator.id, targetId: user.id });
  });
});

describe("reading the log", () => {
  it("pages newest first for members with auditlog:read", async () => {
    const team = await createTeam();
    const changes = [
      [team.viewer, "member"],
      [team.member, "viewer"],
      [team.admin, "member"],
    ] as const;
    for (const [user, role] of changes) {
      await changeMemberRole(as(team.owner), team.workspace.id, { userId: user.id, role });
    }
    const first = await listAuditLog(as(team.owner), team.workspace.id, { limit: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]).toMatchObject({
      action: "member.role_changed",
      actorName: "owner user",
      actorEmail: team.owner.email,
    });
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditLog(as(team.owner), team.workspace.id, {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.entries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.entries, ...second.entries];
    expect(new Set(all.map((entry) => entry.id)).size).toBe(3);
    expect(all.map((entry) => entry.createdAt.getTime())).toEqual(
      all.map((entry) => entry.createdAt.getTime()).sort((a, b) => b - a),
    );
  });

  it("is not readable from another workspace, nor by a role without auditlog:read", async () => {
    const a = await createTeam();
    const b = await createTeam();
    await recordAudit(db, {
      workspaceId: b.workspace.id,
      actor: { type: "user", id: b.owner.id },
      action: "board.created",
    });
    await expect(listAuditLog(as(a.owner), b.workspace.id)).rejects.toMatchObject({
      code: "not_found",
    });
    for (const role of ["viewer", "member"] as const) {
      await expect(listAuditLog(as(b[role]), b.workspace.id)).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    // A member of both sees only the workspace asked for.
    await addMember(b.workspace.id, a.owner.id, "admin");
    const page = await listAuditLog(as(a.owner), a.workspace.id);
    expect(page.entries.every((entry) => entry.action !== "board.created")).toBe(true);
  });

  it("follows the plan: none on Free, 30 days on Pro", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    await expect(listAuditLog(as(team.owner), team.workspace.id)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("The Free plan has no audit log"),
    });

    await setPlan(team.workspace.id, "pro");
    const old: HashedFields = {
      id: createId("aud"),
      workspaceId: team.workspace.id,
      actorType: "user",
      actorId: team.owner.id,
      impersonatorId: null,
      action: "board.created",
      targetType: null,
      targetId: null,
      ip: null,
      userAgent: null,
      requestId: null,
      createdAt: new Date(Date.now() - 40 * 24 * 60 * 60 * 1000),
      metadata: {},
    };
    await db
      .insert(auditLog)
      .values({ ...old, prevHash: GENESIS_HASH, hash: hashAuditRow(GENESIS_HASH, old) });
    await recordAudit(db, {
      workspaceId: team.workspace.id,
      actor: { type: "user", id: team.owner.id },
      action: "board.updated",
    });
    const page = await listAuditLog(as(team.owner), team.workspace.id);
    expect(page.retentionDays).toBe(30);
    expect(page.entries.map((entry) => entry.action)).toEqual(["board.updated"]);
    expect((await verifyAuditChain(team.workspace.id)).ok).toBe(true);
  });
});

const shared = process.env.DATABASE_EMBEDDED !== "1";
describe.skipIf(!shared)("npm run audit:verify", () => {
  function run(args: string[] = []) {
    return new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/audit-verify.ts", ...args], {
        env: { ...process.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  it("prints OK for an intact chain and exits 1 with the broken row", async () => {
    const team = await createTeam();
    const rows: AuditLogRow[] = [];
    for (let i = 0; i < 2; i++) {
      rows.push(
        await recordAudit(db, {
          workspaceId: team.workspace.id,
          actor: SYSTEM_ACTOR,
          action: "billing.subscription_changed",
        }),
      );
    }
    const ok = await run([team.workspace.id]);
    expect(ok.out).toContain(`OK      ${team.workspace.id}  2 rows`);
    expect(ok.code).toBe(0);
    await withTriggerOff(() =>
      db.update(auditLog).set({ ip: "203.0.113.9" }).where(eq(auditLog.id, rows[0]!.id)),
    );
    const broken = await run();
    expect(broken.out).toContain(`BROKEN  ${team.workspace.id}  row ${rows[0]!.id}`);
    expect(broken.out).toContain("TAMPERED");
    expect(broken.code).toBe(1);
  }, 60_000);
});
