import { desc, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { isId } from "@/lib/validation";

/** The latest emails in the outbox, newest first (for the local viewer at /dev/emails). */
export async function listOutbox(limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

export async function getOutboxEmail(id: string) {
  if (!isId(id)) return null; // a stray path segment (`%00`, …): no such email
  const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return email ?? null;
}
