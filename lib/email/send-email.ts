import "server-only";
import { eq } from "drizzle-orm";
import { Resend } from "resend";
import { db, type Database, type Transaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createId } from "@/lib/ids";
import { renderEmail, type TemplateName, type TemplateProps } from "./templates";

export interface SendEmailOptions {
  /** A key that names this message once: sending again with it is a no-op. */
  idempotencyKey?: string;
  /** Write the outbox row in the caller's transaction. */
  tx?: Transaction | Database;
}

const EMAIL_PATTERN = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

let resend: Resend | undefined;

/**
 * Render a template and record it in the email outbox. Without RESEND_API_KEY the outbox is the
 * destination (read it at /dev/emails); with it, the message is also handed to Resend with the
 * same idempotency key.
 */
export async function sendEmail<T extends TemplateName>(
  template: T,
  to: string,
  props: TemplateProps<T>,
  options: SendEmailOptions = {},
): Promise<{ id: string; duplicate: boolean }> {
  const recipient = to.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(recipient)) {
    throw new Error(`sendEmail: "${to}" is not a valid recipient address`);
  }
  const rendered = await renderEmail(template, props);
  const id = createId("eml");
  const [row] = await (options.tx ?? db)
    .insert(emailOutbox)
    .values({
      id,
      template,
      to: recipient,
      from: env.EMAIL_FROM,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      idempotencyKey: options.idempotencyKey,
      status: env.RESEND_API_KEY ? "queued" : "outbox",
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  if (!row) return { id: "", duplicate: true };

  if (env.RESEND_API_KEY) {
    resend ??= new Resend(env.RESEND_API_KEY);
    const { data, error } = await resend.emails.send(
      {
        from: env.EMAIL_FROM,
        to: recipient,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
      },
      { idempotencyKey: options.idempotencyKey ?? id },
    );
    await (options.tx ?? db)
      .update(emailOutbox)
      .set(
        error
          ? { status: "failed", error: error.message }
          : { status: "sent", providerMessageId: data?.id ?? null },
      )
      .where(eq(emailOutbox.id, id));
  }
  return { id, duplicate: false };
}
