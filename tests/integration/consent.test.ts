import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/consent/route";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { signIn } from "../support/auth-client";
import { createUser, TEST_PASSWORD } from "../support/factories";

const origin = new URL(env.APP_URL).origin;

const put = (body: unknown, headers: Record<string, string> = {}) =>
  PUT(
    new Request(`${origin}/api/consent`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin, ...headers },
      body: JSON.stringify(body),
    }),
  );
const get = (headers: Record<string, string> = {}) =>
  GET(new Request(`${origin}/api/consent`, { headers }));

describe("cookie consent for signed-in users", () => {
  it("stores the choice for the signed-in user and gives it back on another browser", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    expect(await (await get({ cookie })).json()).toEqual({ consent: null });

    const saved = await put({ analytics: true, marketing: false }, { cookie });
    expect(saved.status).toBe(200);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.cookieConsent).toMatchObject({ analytics: true, marketing: false });

    // A second browser: a new session, no pb_consent cookie.
    const { cookie: other } = await signIn(user.email, TEST_PASSWORD);
    const restored = (await (await get({ cookie: other })).json()) as {
      consent: { analytics: boolean; marketing: boolean; at: string };
    };
    expect(restored.consent).toMatchObject({ analytics: true, marketing: false });
    expect(Date.parse(restored.consent.at)).not.toBeNaN();

    // Withdrawing is stored the same way.
    await put({ analytics: false, marketing: false }, { cookie: other });
    expect(await (await get({ cookie })).json()).toMatchObject({
      consent: { analytics: false, marketing: false },
    });
  });

  it("keeps nothing for visitors, refuses cross-site writes and names bad fields", async () => {
    expect((await put({ analytics: true, marketing: true })).status).toBe(204);
    expect((await put({ analytics: "yes" })).status).toBe(422);
    expect(await (await get()).json()).toEqual({ consent: null });

    const user = await createUser();
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const crossSite = await put(
      { analytics: true, marketing: true },
      { cookie, origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    const bad = await put({ analytics: "yes" }, { cookie });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      errors: { analytics: expect.any(Array), marketing: expect.any(Array) },
    });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.cookieConsent).toBeNull();
  });
});
