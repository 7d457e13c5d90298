// Personas and helpers for tests that call /admin pages and actions directly (with the
// next/* stand-ins of ./next-stubs installed).
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactNode } from "react";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { nextIp, signIn } from "./auth-client";
import { createTeam, createUser, TEST_PASSWORD } from "./factories";
import { NotFound, request } from "./next-stubs";

export { NotFound, Redirect } from "./next-stubs";

/** Act as the holder of this cookie (empty: anonymous) in the next page or action calls. */
export function actAs(cookie: string) {
  request.cookie = cookie;
  request.ip = nextIp();
}

export async function createPlatformAdmin(overrides: { name?: string; email?: string } = {}) {
  const user = await createUser({ name: "Platform Operator", ...overrides });
  await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
  return { ...user, role: "admin" };
}

export async function cookieOf(email: string) {
  const { cookie, status } = await signIn(email, TEST_PASSWORD);
  if (status !== 200 || !cookie) throw new Error(`test: ${email} could not sign in (${status})`);
  return cookie;
}

/** The four people the wall tells apart, each signed in for real (anonymous has no cookie). */
export async function wallPersonas() {
  const admin = await createPlatformAdmin();
  const team = await createTeam();
  return {
    admin,
    team,
    personas: {
      "platform admin": await cookieOf(admin.email),
      "workspace owner": await cookieOf(team.owner.email),
      member: await cookieOf(team.member.email),
      anonymous: "",
    },
  };
}

/** Whether calling this throws Next.js's notFound(). */
export async function isNotFound(call: () => unknown): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (error) {
    if (error instanceof NotFound) return true;
    throw error;
  }
}

/** A page's output as HTML (pages fetch their data, then render synchronous components). */
export function html(node: unknown): string {
  return renderToStaticMarkup(node as ReactNode);
}

export function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}
