import { sql } from "drizzle-orm";
import { db, type Database, type Transaction } from "@/lib/db";
import { env } from "@/lib/env";
import { createId } from "@/lib/ids";
import { retryPolicy } from "@/lib/jobs/types";
import { notifyEnqueued } from "@/lib/jobs/wake";
import { requiredProps, templates, type TemplateName, type TemplateProps } from "./templates";
import { now as clockNow } from "@/lib/clock";

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
 * Queue an email: an outbox row plus an `email.send` job (the same row `enqueue` would write),
 * written together (in the caller's transaction when given one), so the email exists exactly when the change that caused it
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

  // run_at comes from the app's clock (lib/clock), like every time the worker compares it with
  // (the database's now() has microseconds and could land just after a claim in the same ms,
  // and a test that injects a clock must see the email due on that clock).
  // One statement writes the outbox row and its job, so it is atomic on its own (no BEGIN/COMMIT
  // round trips when the caller has no transaction) and costs one round trip inside a request.
  // A conflicting idempotency key inserts neither.
  const id = createId("eml");
  const rows = await (options.tx ?? db).execute<{ id: string }>(sql`
    with outbox as (
      insert into email_outbox (id, template, category, "to", "from", props, idempotency_key)
      values (${id}, ${template}, ${templates[template].category}, ${recipient}, ${env.EMAIL_FROM},
              ${JSON.stringify(props)}::jsonb, ${options.idempotencyKey ?? null})
      on conflict (idempotency_key) do nothing
      returning id
    )
    insert into jobs
      (id, name, payload, ordering_key, singleton_key, max_attempts, request_id, run_at)
    select ${createId("job")}, 'email.send', jsonb_build_object('outboxId', outbox.id),
           ${`email:${recipient}`}, 'email:' || outbox.id, ${retryPolicy("email.send").maxAttempts},
           ${options.requestId ?? null}, ${clockNow().toISOString()}
    from outbox
    returning id`);
  if (rows.length === 0) return { id: "", duplicate: true };
  notifyEnqueued();
  return { id, duplicate: false };
}
