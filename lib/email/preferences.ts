import { and, eq } from "drizzle-orm";
import { db, type Database, type Transaction } from "@/lib/db";
import { emailSuppressions, emailUnsubscribes } from "@/lib/db/schema";

/** Why a message of this category must not go to this address, or null when it may. */
export async function blockedReason(email: string, category: string): Promise<string | null> {
  if (category === "transactional") return null;
  const [suppressed] = await db
    .select({ reason: emailSuppressions.reason })
    .from(emailSuppressions)
    .where(eq(emailSuppressions.email, email));
  if (suppressed) return `address ${suppressed.reason}`;
  const [unsubscribed] = await db
    .select({ email: emailUnsubscribes.email })
    .from(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.email, email), eq(emailUnsubscribes.category, category)));
  return unsubscribed ? `unsubscribed from ${category} email` : null;
}

export async function setSubscribed(email: string, category: string, subscribed: boolean) {
  const address = email.trim().toLowerCase();
  if (subscribed) {
    await db
      .delete(emailUnsubscribes)
      .where(and(eq(emailUnsubscribes.email, address), eq(emailUnsubscribes.category, category)));
  } else {
    await db.insert(emailUnsubscribes).values({ email: address, category }).onConflictDoNothing();
  }
}

export async function isSubscribed(email: string, category: string): Promise<boolean> {
  const [row] = await db
    .select({ email: emailUnsubscribes.email })
    .from(emailUnsubscribes)
    .where(
      and(
        eq(emailUnsubscribes.email, email.trim().toLowerCase()),
        eq(emailUnsubscribes.category, category),
      ),
    );
  return !row;
}

export interface Suppression {
  reason: "bounced" | "complained";
  since: Date;
}

/** Whether the address hard-bounced or complained (then no notification mail goes to it). */
export async function getSuppression(email: string): Promise<Suppression | null> {
  const [row] = await db
    .select({ reason: emailSuppressions.reason, since: emailSuppressions.createdAt })
    .from(emailSuppressions)
    .where(eq(emailSuppressions.email, email.trim().toLowerCase()));
  if (!row) return null;
  return { reason: row.reason === "complained" ? "complained" : "bounced", since: row.since };
}

export async function suppress(
  email: string,
  reason: "bounced" | "complained",
  detail?: string,
  tx: Transaction | Database = db,
) {
  await tx
    .insert(emailSuppressions)
    .values({ email: email.trim().toLowerCase(), reason, detail })
    .onConflictDoNothing();
}
