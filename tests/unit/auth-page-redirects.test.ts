import { beforeEach, describe, expect, it, vi } from "vitest";

// The pages run outside a request here: the session and Next.js's redirect are stand-ins, the
// decision about where to send the visitor is the real one.
const state = vi.hoisted(() => ({ signedIn: true }));
vi.mock("@/lib/auth/session", () => ({
  getSession: () => Promise.resolve(state.signedIn ? { user: { id: "usr_1" } } : null),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));

class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect to ${to}`);
  }
}

const { default: SignInPage } = await import("@/app/(auth)/sign-in/page");
const { default: VerifiedPage } = await import("@/app/(auth)/verified/page");

type Page = (props: { searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

async function redirectOf(page: Page, params: Record<string, string>): Promise<string | null> {
  try {
    await page({ searchParams: Promise.resolve(params) });
    return null;
  } catch (error) {
    if (error instanceof Redirect) return error.to;
    throw error;
  }
}

const OFF_SITE = [
  "/\\evil.example/x",
  "/\t/evil.example",
  "/\n/evil.example",
  "//evil.example",
  "/.//evil.example",
  "/%5Cevil.example/x",
  "/%2F%2Fevil.example",
  "https://evil.example/",
  "javascript:alert(1)",
];

beforeEach(() => {
  state.signedIn = true;
});

describe("where a signed-in visitor to /sign-in is sent", () => {
  it.each(OFF_SITE)("never off-site: next=%j goes to /app", async (next) => {
    expect(await redirectOf(SignInPage, { next })).toBe("/app");
  });

  it("to the page they asked for on this site", async () => {
    expect(await redirectOf(SignInPage, { next: "/b/acme/feedback?sort=top" })).toBe(
      "/b/acme/feedback?sort=top",
    );
    expect(await redirectOf(SignInPage, {})).toBe("/app");
  });
});

describe("where the email verification landing page sends the new user", () => {
  it.each(OFF_SITE)("never off-site: next=%j goes to /app", async (next) => {
    expect(await redirectOf(VerifiedPage, { next })).toBe("/app");
  });

  it("to the plan they chose", async () => {
    expect(await redirectOf(VerifiedPage, { next: "/app?plan=pro&interval=monthly" })).toBe(
      "/app?plan=pro&interval=monthly",
    );
  });
});
