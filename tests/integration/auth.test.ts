import { eq, gt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { SIGN_UP_MIN_MS } from "@/lib/auth/sign-up-timing";
import { accounts, members, sessions, users, verifications, workspaces } from "@/lib/db/schema";
import { authFetch, getSessionFor, nextIp, signIn } from "../support/auth-client";
import { installClock } from "../support/clock";
import {
  createUser,
  emailsTo,
  latestEmail,
  linkIn,
  personalWorkspaceOf,
  TEST_PASSWORD,
} from "../support/factories";

const STRONG = "a-long-and-unusual-passphrase";

async function signUp(email: string, password = STRONG, name = "Ada Lovelace") {
  return authFetch("/sign-up/email", { body: { name, email, password, callbackURL: "/verified" } });
}

async function countUsers(email: string) {
  return (await db.select().from(users).where(eq(users.email, email))).length;
}

describe("sign-up", () => {
  it("creates the user with a personal workspace they own, and emails a verification link", async () => {
    const response = await signUp("ada@example.com");
    expect(response.status).toBe(200);

    const [user] = await db.select().from(users).where(eq(users.email, "ada@example.com"));
    expect(user?.emailVerified).toBe(false);
    const personal = await personalWorkspaceOf(user!.id);
    expect(personal?.name).toBe("Ada Lovelace's workspace");
    const [membership] = await db.select().from(members).where(eq(members.userId, user!.id));
    expect(membership?.role).toBe("owner");

    const email = await latestEmail("ada@example.com");
    expect(email?.subject).toBe("Verify your email for Problemboard");
    expect(linkIn(email!.text, "/api/auth/verify-email")).toContain("token=");
  });

  it("does not sign in before the email is verified", async () => {
    await signUp("unverified@example.com");
    const response = await signIn("unverified@example.com", STRONG);
    expect(response.status).toBe(403);
    expect(response.body?.code).toBe("EMAIL_NOT_VERIFIED");
    expect(response.cookie).not.toContain("session_token");
  });

  it("can be completed after the database failed half-way through an earlier attempt", async () => {
    // The database fails between the steps: the user (and their workspace) is written, then
    // writing the password account fails.
    await db.execute(sql`
      create or replace function fail_account_insert() returns trigger language plpgsql as $$
      begin raise exception 'connection lost' using errcode = '08006'; end $$`);
    await db.execute(sql`
      create trigger fail_account_insert before insert on accounts
      for each row execute function fail_account_insert()`);
    let failed;
    try {
      failed = await signUp("interrupted@example.com");
    } finally {
      await db.execute(sql`drop trigger fail_account_insert on accounts`);
    }
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const [half] = await db.select().from(users).where(eq(users.email, "interrupted@example.com"));
    expect(half).toBeDefined();
    expect(await db.select().from(accounts).where(eq(accounts.userId, half!.id))).toEqual([]);
    const halfWorkspace = await personalWorkspaceOf(half!.id);
    expect(await emailsTo("interrupted@example.com")).toEqual([]);

    // The person tries again a little later: a normal sign-up, as if the first never happened.
    installClock().advance(2 * 60_000);
    expect((await signUp("interrupted@example.com")).status).toBe(200);
    expect(await countUsers("interrupted@example.com")).toBe(1);
    const [user] = await db.select().from(users).where(eq(users.email, "interrupted@example.com"));
    expect(user!.id).not.toBe(half!.id);
    expect(await personalWorkspaceOf(user!.id)).toBeDefined();
    expect(await db.select().from(workspaces).where(eq(workspaces.id, halfWorkspace!.id))).toEqual(
      [],
    );
    expect((await emailsTo("interrupted@example.com")).map((e) => e.template)).toEqual([
      "verify-email",
    ]);
    const link = linkIn(
      (await latestEmail("interrupted@example.com"))!.text,
      "/api/auth/verify-email",
    );
    expect((await authFetch(link)).status).toBe(302);
    expect((await signIn("interrupted@example.com", STRONG)).status).toBe(200);
  });

  it("never discards a user created moments ago (a sign-up still running)", async () => {
    // Written but no password yet, a moment ago: left alone; the second answers as for a taken one.
    await createUser({ email: "in-progress@example.com", verified: false });
    await db
      .delete(accounts)
      .where(
        sql`${accounts.userId} in (select id from users where email = 'in-progress@example.com')`,
      );
    expect((await signUp("in-progress@example.com")).status).toBe(200);
    expect(await countUsers("in-progress@example.com")).toBe(1);
    expect((await emailsTo("in-progress@example.com")).map((e) => e.template)).toEqual([
      "account-exists",
    ]);
  });

  it("emails a fresh verification link when an unverified user signs in, at most 5 an hour", async () => {
    await signUp("late-verifier@example.com");
    expect(await emailsTo("late-verifier@example.com", "verify-email")).toHaveLength(1);

    // The wrong password sends nothing.
    expect((await signIn("late-verifier@example.com", "not-the-password-at-all")).status).toBe(401);
    expect(await emailsTo("late-verifier@example.com", "verify-email")).toHaveLength(1);

    // The right one: refused as unverified, and a new link goes out that works.
    const refused = await signIn("late-verifier@example.com", STRONG);
    expect(refused.body?.code).toBe("EMAIL_NOT_VERIFIED");
    const sent = await emailsTo("late-verifier@example.com", "verify-email");
    expect(sent).toHaveLength(2);
    const link = linkIn(
      (await latestEmail("late-verifier@example.com"))!.text,
      "/api/auth/verify-email",
    );

    // Trying again and again: the address gets at most 5 account emails an hour. (Attempts a
    // second apart: within one second Better Auth issues the same token, one email.)
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      await signIn("late-verifier@example.com", STRONG);
    }
    expect(await emailsTo("late-verifier@example.com", "verify-email")).toHaveLength(5);

    const verified = await authFetch(link);
    expect(verified.status).toBe(302);
    expect((await getSessionFor(verified.cookie))?.user.emailVerified).toBe(true);
  });

  it("verifying the email signs the user in, in their personal workspace", async () => {
    await signUp("grace@example.com", STRONG, "Grace Hopper");
    const link = linkIn((await latestEmail("grace@example.com"))!.text, "/api/auth/verify-email");
    const response = await authFetch(link);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/verified");

    const session = await getSessionFor(response.cookie);
    expect(session?.user.email).toBe("grace@example.com");
    expect(session?.user.emailVerified).toBe(true);
    const personal = await personalWorkspaceOf(session!.user.id);
    expect(session?.session.activeOrganizationId).toBe(personal?.id);
    expect((await latestEmail("grace@example.com"))?.subject).toBe("Welcome to Problemboard");
  });

  it("rejects a tampered or expired verification token and changes nothing", async () => {
    await signUp("tamper@example.com");
    const link = linkIn((await latestEmail("tamper@example.com"))!.text, "/api/auth/verify-email");
    const tampered = link.replace(/token=([^&]+)/, (_, t: string) => `token=${t.slice(0, -4)}abcd`);
    const response = await authFetch(tampered);
    expect(response.headers.get("location")).toContain("error=");
    expect(response.cookie).not.toContain("session_token");
    const [user] = await db.select().from(users).where(eq(users.email, "tamper@example.com"));
    expect(user?.emailVerified).toBe(false);
  });

  it("refuses weak passwords with the reason, creating nothing", async () => {
    for (const password of ["short", "password123", "aaaaaaaaaaaaaaa", "weakling-user-x1"]) {
      const response = await signUp("weakling-user@example.com", password);
      expect(response.status, password).toBe(400);
      expect(String(response.body?.message)).toMatch(/characters|common|email/);
    }
    expect(await countUsers("weakling-user@example.com")).toBe(0);
  });

  it("a duplicate email creates no second account, reveals nothing, and tells the owner", async () => {
    await createUser({ email: "taken@example.com" });
    const fresh = await signUp("fresh@example.com");
    const response = await signUp("taken@example.com");
    expect(response.status).toBe(200);
    expect(Object.keys(response.body ?? {}).sort()).toEqual(Object.keys(fresh.body ?? {}).sort());
    expect(await countUsers("taken@example.com")).toBe(1);
    expect((await latestEmail("taken@example.com"))?.subject).toBe(
      "You already have a Problemboard account",
    );
  });

  it("answers a taken address field for field like a new one (only ids and times differ)", async () => {
    await createUser({ email: "taken-twin@example.com" });
    const fresh = await signUp("fresh-twin@example.com");
    const taken = await signUp("taken-twin@example.com");

    expect(taken.status).toBe(fresh.status);
    expect(taken.headers.get("content-type")).toBe(fresh.headers.get("content-type"));
    expect(taken.cookie).toBe(fresh.cookie);
    /** The answer without what must differ: the user's id, timestamps and the address itself. */
    const comparable = (response: typeof fresh) => {
      const { user, ...rest } = response.body as { user: Record<string, unknown> };
      const { id, createdAt, updatedAt, email, ...fields } = user;
      const types = Object.fromEntries(
        Object.entries(user).map(([key, value]) => [key, value === null ? "null" : typeof value]),
      );
      expect(id).toMatch(/^usr_[a-z0-9]+$/);
      expect(Number.isNaN(Date.parse(String(createdAt)))).toBe(false);
      expect(Number.isNaN(Date.parse(String(updatedAt)))).toBe(false);
      expect(typeof email).toBe("string");
      return { rest, fields, types };
    };
    expect(comparable(taken)).toEqual(comparable(fresh));
    expect(taken.body?.user).toMatchObject({ email: "taken-twin@example.com", role: "user" });
  });

  it("answers a taken address and a new one no sooner than the same floor", async () => {
    // Only a lower bound (never a speed check): the new-address path does more work, so both
    // wait until SIGN_UP_MIN_MS has passed and their timing gives nothing away.
    await createUser({ email: "taken-timing@example.com" });
    for (const email of ["fresh-timing@example.com", "taken-timing@example.com"]) {
      const start = performance.now();
      expect((await signUp(email)).status).toBe(200);
      expect(performance.now() - start, email).toBeGreaterThanOrEqual(SIGN_UP_MIN_MS - 5);
    }
  });

  it("creates neither the user nor a workspace when the workspace cannot be created", async () => {
    await db.execute(
      "alter table workspaces add constraint no_new_workspaces check (created_at < '2000-01-01') not valid" as never,
    );
    try {
      const response = await signUp("atomic@example.com");
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await countUsers("atomic@example.com")).toBe(0);
    } finally {
      await db.execute("alter table workspaces drop constraint no_new_workspaces" as never);
    }
  });
});

describe("sign-in", () => {
  it("signs a verified user in with a session cookie that is HttpOnly and SameSite=Lax", async () => {
    const user = await createUser();
    const response = await signIn(user.email, TEST_PASSWORD);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await getSessionFor(response.cookie))?.user.id).toBe(user.id);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const user = await createUser();
    const wrong = await signIn(user.email, "not-the-password");
    const unknown = await signIn("nobody@example.com", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body?.code).toBe("INVALID_EMAIL_OR_PASSWORD");
    expect(unknown.body?.code).toBe("INVALID_EMAIL_OR_PASSWORD");
  });

  it("limits repeated attempts from one address", async () => {
    const user = await createUser();
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await signIn(user.email, "wrong-password", ip)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("ignores a tampered session cookie", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const tampered = cookie.replace(/session_token=([^;]+)/, "session_token=forged.value");
    expect(await getSessionFor(tampered)).toBeNull();
  });
});

describe("password reset", () => {
  it("resets the password from the emailed link and signs out every other session", async () => {
    const user = await createUser();
    const before = await signIn(user.email, TEST_PASSWORD);
    expect(before.status).toBe(200);

    const request = await authFetch("/request-password-reset", {
      body: { email: user.email, redirectTo: "/reset-password" },
    });
    expect(request.status).toBe(200);
    const email = await latestEmail(user.email);
    expect(email?.subject).toBe("Reset your Problemboard password");
    const link = linkIn(email!.text, "/api/auth/reset-password/");
    const landing = await authFetch(link);
    const location = landing.headers.get("location") ?? "";
    expect(location).toMatch(/\/reset-password\?token=/);
    const token = new URL(location, "http://x").searchParams.get("token")!;

    const weak = await authFetch("/reset-password", {
      body: { token, newPassword: "password123" },
    });
    expect(weak.status).toBe(400);

    const reset = await authFetch("/reset-password", { body: { token, newPassword: STRONG } });
    expect(reset.status).toBe(200);
    expect(await getSessionFor(before.cookie)).toBeNull();
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, STRONG)).status).toBe(200);

    const reused = await authFetch("/reset-password", {
      body: { token, newPassword: `${STRONG}-2` },
    });
    expect(reused.status).toBe(400);
  });

  /** Ask for a reset link and return its token (from the emailed URL). */
  async function resetToken(email: string): Promise<string> {
    const before = (await emailsTo(email, "reset-password")).length;
    const response = await authFetch("/request-password-reset", {
      body: { email, redirectTo: "/reset-password" },
    });
    expect(response.status).toBe(200);
    const sent = await emailsTo(email, "reset-password");
    expect(sent).toHaveLength(before + 1);
    const link = linkIn(sent.at(-1)!.text!, "/api/auth/reset-password/");
    return new URL(link).pathname.split("/").at(-1)!;
  }

  it("using one reset link ends every other link sent to the same user", async () => {
    const user = await createUser();
    const bystander = await createUser();
    const first = await resetToken(user.email);
    const second = await resetToken(user.email);
    const theirs = await resetToken(bystander.email);

    const reset = await authFetch("/reset-password", {
      body: { token: second, newPassword: STRONG },
    });
    expect(reset.status).toBe(200);

    const landing = await authFetch(`/reset-password/${first}?callbackURL=/reset-password`);
    expect(landing.headers.get("location")).toContain("error=INVALID_TOKEN");
    const stale = await authFetch("/reset-password", {
      body: { token: first, newPassword: `${STRONG}-again` },
    });
    expect(stale.status).toBe(400);
    expect(stale.body?.code).toBe("INVALID_TOKEN");
    expect((await signIn(user.email, STRONG)).status).toBe(200);

    // Another user's link is untouched.
    const other = await authFetch("/reset-password", {
      body: { token: theirs, newPassword: STRONG },
    });
    expect(other.status).toBe(200);
  });

  it("changing the password ends the reset links sent before", async () => {
    const user = await createUser();
    const token = await resetToken(user.email);
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const change = await authFetch("/change-password", {
      body: { currentPassword: TEST_PASSWORD, newPassword: STRONG },
      cookie,
    });
    expect(change.status).toBe(200);

    const stale = await authFetch("/reset-password", {
      body: { token, newPassword: `${STRONG}-mine-now` },
    });
    expect(stale.status).toBe(400);
    expect(stale.body?.code).toBe("INVALID_TOKEN");
    expect((await signIn(user.email, STRONG)).status).toBe(200);
  });

  it("rejects an expired reset token", async () => {
    const user = await createUser();
    await authFetch("/request-password-reset", {
      body: { email: user.email, redirectTo: "/reset-password" },
    });
    const link = linkIn((await latestEmail(user.email))!.text, "/api/auth/reset-password/");
    await db
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(gt(verifications.expiresAt, new Date()));
    const landing = await authFetch(link);
    expect(landing.headers.get("location")).toContain("error=INVALID_TOKEN");
  });

  it("does not reveal whether an email has an account", async () => {
    const response = await authFetch("/request-password-reset", {
      body: { email: "ghost@example.com", redirectTo: "/reset-password" },
    });
    expect(response.status).toBe(200);
    expect(await latestEmail("ghost@example.com")).toBeUndefined();
  });
});

describe("sessions", () => {
  it("sign-out everywhere ends every session of the user", async () => {
    const user = await createUser();
    const first = await signIn(user.email, TEST_PASSWORD);
    const second = await signIn(user.email, TEST_PASSWORD);
    const revoke = await authFetch("/revoke-sessions", { body: {}, cookie: second.cookie });
    expect(revoke.status).toBe(200);
    expect(await getSessionFor(first.cookie)).toBeNull();
    expect(await getSessionFor(second.cookie)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it("a magic link signs an existing user in, and never creates an account", async () => {
    const user = await createUser();
    expect(
      (await authFetch("/sign-in/magic-link", { body: { email: user.email, callbackURL: "/app" } }))
        .status,
    ).toBe(200);
    const link = linkIn((await latestEmail(user.email))!.text, "/api/auth/magic-link/verify");
    const response = await authFetch(link);
    expect((await getSessionFor(response.cookie))?.user.id).toBe(user.id);

    await authFetch("/sign-in/magic-link", {
      body: { email: "stranger@example.com", callbackURL: "/app" },
    });
    expect(await countUsers("stranger@example.com")).toBe(0);
    expect(
      await db.select().from(workspaces).where(eq(workspaces.name, "stranger's workspace")),
    ).toHaveLength(0);
  });
});

describe("where emailed links and sign-ins lead", () => {
  const OFF_SITE = [
    "//evil.example/x",
    "/\\evil.example/x",
    "/\t/evil.example",
    "/.//evil.example",
    "https://evil.example/app",
    "javascript:alert(1)",
  ];

  it.each(OFF_SITE)("refuses %j as the target of a magic link, sending nothing", async (target) => {
    const user = await createUser();
    const response = await authFetch("/sign-in/magic-link", {
      body: { email: user.email, callbackURL: target },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "INVALID_CALLBACK_URL" });
    expect(String(response.body?.message)).toContain("callbackURL");
    expect(await emailsTo(user.email, "magic-link")).toHaveLength(0);
  });

  it("refuses an off-site target for sign-up's verification link and the reset page", async () => {
    const signUpResponse = await authFetch("/sign-up/email", {
      body: {
        name: "Eve",
        email: "eve-redirect@example.com",
        password: STRONG,
        callbackURL: "//evil.example",
      },
    });
    expect(signUpResponse.status).toBe(400);
    expect(await countUsers("eve-redirect@example.com")).toBe(0);

    const user = await createUser();
    const reset = await authFetch("/request-password-reset", {
      body: { email: user.email, redirectTo: "https://evil.example/reset" },
    });
    expect(reset.status).toBe(400);
    expect(String(reset.body?.message)).toContain("redirectTo");
    expect(await emailsTo(user.email, "reset-password")).toHaveLength(0);
  });

  it("does not follow an emailed link whose target was edited to another site", async () => {
    const user = await createUser();
    await authFetch("/sign-in/magic-link", { body: { email: user.email, callbackURL: "/app" } });
    const link = linkIn((await latestEmail(user.email))!.text, "/api/auth/magic-link/verify");
    for (const target of ["https://evil.example/", "%2F%2Fevil.example", "/%5Cevil.example"]) {
      const url = new URL(link);
      url.searchParams.set("callbackURL", target);
      const response = await authFetch(url.toString());
      expect(response.status, target).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(response.cookie).not.toContain("session_token");
    }
    // The untouched link still signs in, and lands on our page.
    const good = await authFetch(link);
    expect(good.headers.get("location")).toMatch(/^(\/app|https?:\/\/[^/]+\/app)$/);
    expect((await getSessionFor(good.cookie))?.user.id).toBe(user.id);

    await signUp("verify-redirect@example.com");
    const verify = new URL(
      linkIn((await latestEmail("verify-redirect@example.com"))!.text, "/api/auth/verify-email"),
    );
    verify.searchParams.set("callbackURL", "//evil.example");
    const edited = await authFetch(verify.toString());
    expect(edited.status).toBe(400);
    expect(edited.headers.get("location")).toBeNull();
  });
});

describe("workspace endpoints of the auth library", () => {
  it("are closed: membership changes only go through the app's own rules", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const attempt = await authFetch("/organization/create", {
      body: { name: "Sneaky", slug: "sneaky-workspace" },
      cookie,
    });
    expect(attempt.status).toBe(404);
    expect(
      await db.select().from(workspaces).where(eq(workspaces.slug, "sneaky-workspace")),
    ).toHaveLength(0);
  });
});

describe("fast session read", () => {
  it("agrees with Better Auth, and refuses tampered, expired and revoked sessions", async () => {
    const { readSession } = await import("@/lib/auth/read-session");
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const full = await getSessionFor(cookie);
    const fast = await readSession(new Headers({ cookie }));
    expect(fast).toMatchObject({
      sessionId: full?.session.id,
      activeWorkspaceId: full?.session.activeOrganizationId,
      user: { id: user.id, email: user.email },
    });

    const tampered = cookie.replace(
      /session_token=([^;.]+)/,
      (_, token: string) => `session_token=${token.slice(0, -2)}xx`,
    );
    expect(await readSession(new Headers({ cookie: tampered }))).toBeNull();
    expect(await readSession(new Headers())).toBeNull();

    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, fast!.sessionId));
    expect(await readSession(new Headers({ cookie }))).toBeNull();

    const again = await signIn(user.email, TEST_PASSWORD);
    await authFetch("/revoke-sessions", { body: {}, cookie: again.cookie });
    expect(await readSession(new Headers({ cookie: again.cookie }))).toBeNull();
  });
});
