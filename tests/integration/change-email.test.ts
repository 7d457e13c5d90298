import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { authFetch, getSessionFor, signIn } from "../support/auth-client";
import { createUser, emailsTo, latestEmail, linkIn, TEST_PASSWORD } from "../support/factories";

async function emailOf(userId: string) {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}

describe("changing the account's email address", () => {
  it("takes effect only when the new address follows its link; the old address gets a notice", async () => {
    const user = await createUser({ name: "Ada Lovelace" });
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const newEmail = `ada-${Date.now()}@analytical.example`;

    const asked = await authFetch("/change-email", {
      cookie,
      body: { newEmail, callbackURL: "/account?email=changed" },
    });
    expect(asked.status).toBe(200);
    // Nothing changes until the link is followed.
    expect(await emailOf(user.id)).toBe(user.email);

    const confirm = await latestEmail(newEmail);
    expect(confirm).toMatchObject({
      template: "confirm-new-email",
      subject: "Confirm your new email for Problemboard",
    });
    expect(confirm!.text).toContain(`You asked to use ${newEmail}`);
    const notice = await latestEmail(user.email);
    expect(notice).toMatchObject({ template: "email-change-requested" });
    expect(notice!.text).toContain(`change its email address to ${newEmail}`);
    // No sign-up verification or welcome mail for a change.
    expect(await emailsTo(newEmail, "verify-email")).toEqual([]);

    const link = linkIn(confirm!.text, "/api/auth/verify-email");
    const followed = await authFetch(link, { cookie });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe("/account?email=changed");
    expect(await emailOf(user.id)).toBe(newEmail);
    const session = await getSessionFor(followed.cookie || cookie);
    expect(session?.user.email).toBe(newEmail);

    // The old address no longer signs in; the new one does.
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(newEmail, TEST_PASSWORD)).status).toBe(200);
    expect(await emailsTo(newEmail, "welcome")).toEqual([]);
  });

  it("answers the same for an address another account has, and changes nothing", async () => {
    const user = await createUser();
    const other = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const asked = await authFetch("/change-email", {
      cookie,
      body: { newEmail: other.email, callbackURL: "/account?email=changed" },
    });
    expect(asked.status).toBe(200);
    expect(await emailOf(user.id)).toBe(user.email);
    expect(await emailsTo(other.email, "confirm-new-email")).toEqual([]);
  });

  it("refuses a bad address by field, and a signed-out request", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const bad = await authFetch("/change-email", { cookie, body: { newEmail: "not-an-email" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/email/i);
    const anonymous = await authFetch("/change-email", { body: { newEmail: "x@example.com" } });
    expect(anonymous.status).toBe(401);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("keeps the address when the link is tampered with", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const newEmail = `new-${Date.now()}@example.com`;
    await authFetch("/change-email", {
      cookie,
      body: { newEmail, callbackURL: "/account?email=changed" },
    });
    const link = linkIn((await latestEmail(newEmail))!.text, "/api/auth/verify-email");
    const tampered = link.replace(/token=([^&]+)/, (_, token: string) => `token=${token}x`);
    const followed = await authFetch(tampered, { cookie });
    expect(followed.headers.get("location")).toMatch(/^\/account\?email=changed&error=/);
    expect(await emailOf(user.id)).toBe(user.email);
  });
});
