import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setPlatformAdmin } from "@/lib/admin/platform-admins";
import { requirePlatformAdmin } from "@/lib/admin/require-platform-admin";
import { db } from "@/lib/db";
import { auditLog, users } from "@/lib/db/schema";
import { isAppError } from "@/lib/errors";
import { authFetch, signIn } from "../support/auth-client";
import { createUser, TEST_PASSWORD } from "../support/factories";

const roleOf = async (id: string) =>
  (await db.select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

// One file, one database: these steps share the only platform admins it has.
describe("npm run admin:grant (setPlatformAdmin)", () => {
  it("grants, records, revokes, and never demotes the last platform admin", async () => {
    const first = await createUser({ email: `first-op-${Date.now()}@Example.com` });
    const second = await createUser();

    // Email case does not matter; the change is audited with the CLI as actor.
    expect(await setPlatformAdmin(first.email.toLowerCase(), true, "on-call rotation")).toEqual({
      userId: first.id,
      change: "granted",
    });
    expect(await roleOf(first.id)).toBe("admin");
    await expect(requirePlatformAdmin({ userId: first.id })).resolves.toMatchObject({
      userId: first.id,
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, first.id), eq(auditLog.action, "admin.role_granted")))
      .orderBy(desc(auditLog.seq));
    expect(entry).toMatchObject({ actorType: "system", actorId: "cli" });
    expect(entry!.metadata).toMatchObject({ reason: "on-call rotation" });

    // Granting twice changes nothing.
    expect((await setPlatformAdmin(first.email, true)).change).toBe("unchanged");

    // The only admin cannot be demoted…
    const last = await errorOf(setPlatformAdmin(first.email, false));
    expect(last.code).toBe("conflict");
    expect(last.message).toContain("last platform admin");
    expect(await roleOf(first.id)).toBe("admin");

    // …until there is another; then the demoted one is out of the console at once.
    await setPlatformAdmin(second.email, true);
    expect((await setPlatformAdmin(first.email, false)).change).toBe("revoked");
    expect(await roleOf(first.id)).toBe("user");
    expect((await errorOf(requirePlatformAdmin({ userId: first.id }))).code).toBe("not_found");
  });

  it("answers an unknown email with a message naming it", async () => {
    const error = await errorOf(setPlatformAdmin("nobody-here@example.com", true));
    expect(error.code).toBe("not_found");
    expect(error.message).toBe("No user has the email nobody-here@example.com.");
  });
});

describe("the wall (requirePlatformAdmin)", () => {
  it("refuses anonymous, ordinary users, impersonated sessions and banned admins with not_found", async () => {
    const admin = await createUser();
    await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    const plain = await createUser();
    expect((await errorOf(requirePlatformAdmin(null))).code).toBe("not_found");
    expect((await errorOf(requirePlatformAdmin({ userId: plain.id }))).code).toBe("not_found");
    // The session may claim a role; the database decides.
    expect(
      (await errorOf(requirePlatformAdmin({ userId: plain.id, platformRole: "admin" }))).code,
    ).toBe("not_found");
    expect(
      (await errorOf(requirePlatformAdmin({ userId: admin.id, impersonatorId: "usr_other" }))).code,
    ).toBe("not_found");
    await db.update(users).set({ banned: true }).where(eq(users.id, admin.id));
    expect((await errorOf(requirePlatformAdmin({ userId: admin.id }))).code).toBe("not_found");
  });
});

describe("platform roles over HTTP (Better Auth's admin endpoints)", () => {
  it("cannot be set by a platform admin: only admin:grant changes them", async () => {
    const operator = await createUser();
    await db.update(users).set({ role: "admin" }).where(eq(users.id, operator.id));
    const plain = await createUser();
    const { cookie } = await signIn(operator.email, TEST_PASSWORD);

    const setRole = await authFetch("/admin/set-role", {
      body: { userId: plain.id, role: "admin" },
      cookie,
    });
    expect(setRole.status).toBe(404);
    const update = await authFetch("/admin/update-user", {
      body: { userId: plain.id, data: { role: "admin" } },
      cookie,
    });
    expect(update.status).toBe(400);
    expect(update.body).toMatchObject({ code: "PLATFORM_ROLE_CLI_ONLY" });
    const demote = await authFetch("/admin/update-user", {
      body: { userId: operator.id, data: { role: "user" } },
      cookie,
    });
    expect(demote.status).toBe(400);
    const create = await authFetch("/admin/create-user", {
      body: {
        email: `made-${Date.now()}@example.com`,
        password: "a-long-enough-password-42",
        name: "Made Admin",
        role: "admin",
      },
      cookie,
    });
    expect(create.status).toBe(400);
    expect(await roleOf(plain.id)).toBe("user");
    expect(await roleOf(operator.id)).toBe("admin");

    // Other profile changes by an admin still go through (support changes an email).
    const rename = await authFetch("/admin/update-user", {
      body: { userId: plain.id, data: { name: "Renamed By Support" } },
      cookie,
    });
    expect(rename.status).toBe(200);
  });
});
