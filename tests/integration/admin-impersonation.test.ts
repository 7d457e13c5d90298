// Impersonation and fresh sessions in the console: starting from a user's page (fresh session,
// reason, audit entry with both ids), what an impersonated session cannot do (the console, the
// user's password and email), the banner and "Stop impersonating", the 60-minute end, and the
// re-auth form that makes a session older than 15 minutes fresh again.
import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auth } from "@/lib/auth/auth";
import { IMPERSONATION_REFUSED } from "@/lib/auth/impersonation-guard";
import { initialFormState, type FormState } from "@/lib/auth/form-state";
import { db } from "@/lib/db";
import { auditLog, sessions, users } from "@/lib/db/schema";
import {
  actAs,
  cookieOf,
  createPlatformAdmin,
  formData,
  html,
  isNotFound,
  Redirect,
} from "../support/admin-request";
import { authFetch, getSessionFor } from "../support/auth-client";
import { installClock } from "../support/clock";
import { createUser, TEST_PASSWORD } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const { impersonateUserAction } = await import("@/app/admin/users/actions");
const { reauthenticateAction } = await import("@/app/admin/actions");
const { stopImpersonatingAction } = await import("@/app/impersonation-actions");
const { default: AdminHome } = await import("@/app/admin/page");
const { default: UserPage } = await import("@/app/admin/users/[userId]/page");
const { ImpersonationBanner } = await import("@/components/admin/impersonation-banner");

let operator: Awaited<ReturnType<typeof createPlatformAdmin>>;
let operatorCookie: string;

beforeAll(async () => {
  operator = await createPlatformAdmin();
  operatorCookie = await cookieOf(operator.email);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Run an action as the operator; a redirect comes back as `{ redirect }`. */
async function act(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  fields: Record<string, string>,
  cookie = operatorCookie,
): Promise<FormState & { redirect?: string }> {
  actAs(cookie);
  try {
    return await action(initialFormState, formData(fields));
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.to };
    throw error;
  }
}

const impersonationSessions = (userId: string) =>
  db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.impersonatedBy, operator.id)));

/** Start an impersonation as Better Auth does for the console; the browser's cookies after it. */
async function impersonatedCookie(userId: string) {
  const { headers } = await auth.api.impersonateUser({
    body: { userId },
    headers: new Headers({ cookie: operatorCookie }),
    returnHeaders: true,
  });
  return headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

describe("starting an impersonation", () => {
  it("needs a reason, and refuses yourself, another platform admin, a banned user and an unknown id", async () => {
    const customer = await createUser();
    const noReason = await act(impersonateUserAction, { userId: customer.id, reason: "" });
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/reason/i);

    const self = await act(impersonateUserAction, { userId: operator.id, reason: "Testing self" });
    expect(self.error).toBe("You can't impersonate yourself.");

    const otherAdmin = await createPlatformAdmin();
    const admin = await act(impersonateUserAction, {
      userId: otherAdmin.id,
      reason: "Checking their view",
    });
    expect(admin.error).toBe("Platform admins can't be impersonated.");

    const banned = await createUser();
    await db.update(users).set({ banned: true }).where(eq(users.id, banned.id));
    const refusedBanned = await act(impersonateUserAction, {
      userId: banned.id,
      reason: "Support ticket 12",
    });
    expect(refusedBanned.error).toMatch(/banned/);

    const unknown = await act(impersonateUserAction, {
      userId: "usr_doesnotexist000000",
      reason: "Support ticket 12",
    });
    expect(unknown.error).toBe("No user has this id.");

    for (const id of [customer.id, otherAdmin.id, banned.id]) {
      expect(await impersonationSessions(id)).toEqual([]);
    }
  });

  it("signs in as the user for 60 minutes and records the admin and the user with the reason", async () => {
    const customer = await createUser({ name: "Casey Customer" });
    const started = Date.now();
    const result = await act(impersonateUserAction, {
      userId: customer.id,
      reason: "Ticket 4711: board looks empty",
    });
    expect(result).toEqual({ redirect: "/app" });

    const [session] = await impersonationSessions(customer.id);
    expect(session).toBeDefined();
    const lasts = session!.expiresAt.getTime() - started;
    expect(lasts).toBeGreaterThan(59 * 60_000);
    expect(lasts).toBeLessThanOrEqual(60 * 60_000 + 5_000);

    // One entry (Better Auth's session hook writes it), naming the admin, the user and the reason.
    const entries = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "admin.impersonation_started"), eq(auditLog.targetId, customer.id)),
      );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorType: "admin",
      actorId: customer.id,
      impersonatorId: operator.id,
      targetType: "user",
      targetId: customer.id,
    });
    expect(entries[0]!.metadata).toMatchObject({
      reason: "Ticket 4711: board looks empty",
      sessionId: session!.id,
    });
  });

  it("is refused by a request to Better Auth's endpoint (no reason, no audit entry)", async () => {
    const customer = await createUser();
    const response = await authFetch("/admin/impersonate-user", {
      body: { userId: customer.id },
      cookie: operatorCookie,
    });
    expect(response.status).toBe(404);
    expect(await impersonationSessions(customer.id)).toEqual([]);
  });
});

describe("an impersonated session", () => {
  it("shows the banner, never reaches the console, and cannot change the password or email", async () => {
    const customer = await createUser({ name: "Robin Reader" });
    const cookie = await impersonatedCookie(customer.id);
    const read = await getSessionFor(cookie);
    expect(read?.user.id).toBe(customer.id);
    expect(read?.session.impersonatedBy).toBe(operator.id);

    actAs(cookie);
    const banner = html(await ImpersonationBanner());
    expect(banner).toContain("You are impersonating <strong>Robin Reader</strong>");
    expect(banner).toContain("Stop impersonating");

    actAs(cookie);
    expect(await isNotFound(() => AdminHome())).toBe(true);

    const changePassword = await authFetch("/change-password", {
      body: {
        currentPassword: TEST_PASSWORD,
        newPassword: "an-entirely-new-passphrase-42",
        revokeOtherSessions: false,
      },
      cookie,
    });
    expect(changePassword.status).toBe(403);
    expect(changePassword.body?.message).toBe(IMPERSONATION_REFUSED);

    const changeEmail = await authFetch("/change-email", {
      body: { newEmail: `moved-${customer.id}@example.com` },
      cookie,
    });
    expect(changeEmail.status).toBe(403);
    expect(changeEmail.body?.message).toBe(IMPERSONATION_REFUSED);

    const [row] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(row?.email).toBe(customer.email);
    // The user's own password still works.
    const own = await authFetch("/sign-in/email", {
      body: { email: customer.email, password: TEST_PASSWORD },
    });
    expect(own.status).toBe(200);
  });

  it("the banner is not shown to anyone else", async () => {
    actAs(operatorCookie);
    expect(await ImpersonationBanner()).toBeNull();
    actAs("");
    expect(await ImpersonationBanner()).toBeNull();
  });

  it("'Stop impersonating' ends it, returns to the user's console page and is recorded", async () => {
    const customer = await createUser();
    const cookie = await impersonatedCookie(customer.id);
    actAs(cookie);
    const result = await act(
      async () => {
        await stopImpersonatingAction();
        return {};
      },
      {},
      cookie,
    );
    expect(result).toEqual({ redirect: `/admin/users/${customer.id}` });
    expect(await impersonationSessions(customer.id)).toEqual([]);
    expect(await getSessionFor(cookie)).toBeNull();
    // The admin's own session is still there.
    expect((await getSessionFor(operatorCookie))?.user.id).toBe(operator.id);
    const [stopped] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "admin.impersonation_stopped"), eq(auditLog.actorId, customer.id)),
      )
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(stopped).toMatchObject({
      actorType: "admin",
      impersonatorId: operator.id,
      targetType: "session",
    });
  });

  it("ends by itself after 60 minutes and is not extended by use", async () => {
    const customer = await createUser();
    const cookie = await impersonatedCookie(customer.id);
    const [before] = await impersonationSessions(customer.id);
    // Better Auth reads the system clock for sessions, so move that one (Date only).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30 * 60_000 });
    expect((await getSessionFor(cookie))?.user.id).toBe(customer.id);
    const [during] = await impersonationSessions(customer.id);
    expect(during?.expiresAt.getTime()).toBe(before!.expiresAt.getTime());
    vi.setSystemTime(Date.now() + 31 * 60_000);
    expect(await getSessionFor(cookie)).toBeNull();
  });
});

describe("fresh sessions", () => {
  it("a session older than 15 minutes is refused until the password is re-entered", async () => {
    const clock = installClock();
    const customer = await createUser();
    const cookie = await cookieOf(operator.email);
    clock.advance(16 * 60_000);

    const stale = await act(
      impersonateUserAction,
      { userId: customer.id, reason: "Ticket 99: can't vote" },
      cookie,
    );
    expect(stale.error).toMatch(/older than 15 minutes.*password/);
    expect(await impersonationSessions(customer.id)).toEqual([]);

    // The user page asks for the password.
    actAs(cookie);
    const page = html(await UserPage({ params: Promise.resolve({ userId: customer.id }) }));
    expect(page).toContain("Confirm it’s you");

    const empty = await act(reauthenticateAction, { password: "" }, cookie);
    expect(empty.fieldErrors?.password).toEqual(["Enter your password."]);
    const wrong = await act(reauthenticateAction, { password: "not-my-password" }, cookie);
    expect(wrong.fieldErrors?.password).toEqual(["That password is not right."]);
    const stillStale = await act(
      impersonateUserAction,
      { userId: customer.id, reason: "Ticket 99: can't vote" },
      cookie,
    );
    expect(stillStale.error).toMatch(/older than 15 minutes/);

    const ok = await act(reauthenticateAction, { password: TEST_PASSWORD }, cookie);
    expect(ok.success).toMatch(/next 15 minutes/);
    actAs(cookie);
    const fresh = html(await UserPage({ params: Promise.resolve({ userId: customer.id }) }));
    expect(fresh).not.toContain("Confirm it’s you");
    expect(fresh).toContain("Your sign-in is fresh until");

    const started = await act(
      impersonateUserAction,
      { userId: customer.id, reason: "Ticket 99: can't vote" },
      cookie,
    );
    expect(started).toEqual({ redirect: "/app" });

    // 15 minutes after the re-auth it is stale again.
    clock.advance(15 * 60_000 + 1_000);
    const later = await act(
      impersonateUserAction,
      { userId: customer.id, reason: "Ticket 99 again" },
      cookie,
    );
    expect(later.error).toMatch(/older than 15 minutes/);
  });
});
