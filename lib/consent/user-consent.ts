import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { parseInput } from "@/lib/validation";
import type { Consent } from "./consent";

export const consentChoiceSchema = z.object({
  analytics: z.boolean({ error: "analytics must be true or false" }),
  marketing: z.boolean({ error: "marketing must be true or false" }),
});

/** A signed-in user's stored choice, or null when they never made one while signed in. */
export async function getUserConsent(userId: string): Promise<Consent | null> {
  const [row] = await db
    .select({ consent: users.cookieConsent })
    .from(users)
    .where(eq(users.id, userId));
  return row?.consent ?? null;
}

/** Store a signed-in user's choice (the browser keeps the cookie itself). */
export async function saveUserConsent(userId: string, input: unknown): Promise<Consent> {
  const choice = parseInput(consentChoiceSchema, input);
  const consent: Consent = { ...choice, at: new Date().toISOString() };
  await db.update(users).set({ cookieConsent: consent }).where(eq(users.id, userId));
  return consent;
}
