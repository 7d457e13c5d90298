import { db, type Database, type Transaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createId } from "@/lib/ids";
import { enqueue } from "@/lib/jobs";
import { requiredProps, templates, type TemplateName, type TemplateProps } from "./templates";

export interface SendEmailOptions {
  /** A key that names this message once: sending again with it is a no-op. */
  idempotencyKey?: string;
  /** Write the outbox row and its job in the caller's transaction. */
  tx?: Transaction | Database;
  requestId?: string;
}

const EMAIL_PATTERN = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Missing props are a type error at compile time; this catches the ones typed as `any`. */
function assertTemplateProps(template: TemplateName, props: unknown) {
  const record = (props ?? {}) as Record<string, unknown>;
  for (const key of requiredProps(template)) {
    const value = record[key];
    if (typeof value !== "string" || value.trim() === "") {
      throw new Error(`Email template "${template}" is missing prop "${key}"`);
    }
  }
}

export class InvalidRecipientError extends Error {
  override name = "InvalidRecipientError";
}

/**
 * Queue an email: an outbox row plus an `email.send` job, written together (in the caller's
 * transaction when given one), so the email exists exactly when the change that caused it
 * commits. Rendering and delivery happen in the job, off the request path; see
 * lib/email/send-job.ts.
 */
export async function sendEmail<T extends TemplateName>(
  template: T,
  to: string,
  props: TemplateProps<T>,
  options: SendEmailOptions = {},
): Promise<{ id: string; duplicate: boolean }> {
  const recipient = to.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(recipient) || recipient.length > 254) {
    throw new InvalidRecipientError(`sendEmail: "${to}" is not a valid recipient address`);
  }
  assertTemplateProps(template, props);

  const write = async (tx: Transaction | Database) => {
    const id = createId("eml");
    const [row] = await tx
      .insert(emailOutbox)
      .values({
        id,
        template,
        category: templates[template].category,
        to: recipient,
        from: env.EMAIL_FROM,
        props: props as Record<string, unknown>,
        idempotencyKey: options.idempotencyKey,
      })
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ id: emailOutbox.id });
    if (!row) return { id: "", duplicate: true };
    await enqueue(
      "email.send",
      { outboxId: id },
      {
        tx,
        orderingKey: `email:${recipient}`,
        singletonKey: `email:${id}`,
        requestId: options.requestId,
      },
    );
    return { id, duplicate: false };
  };

  return options.tx ? write(options.tx) : db.transaction(write);
}
