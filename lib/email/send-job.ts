import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { emailOutbox, type OutboxEmail } from "@/lib/db/schema";
import { defineJob } from "@/lib/jobs/registry";
import { PermanentJobError, RetryableJobError } from "@/lib/jobs/types";
import { blockedReason } from "./preferences";
import { resendClient } from "./resend-client";
import { renderEmail, type TemplateName } from "./templates";
import { oneClickUnsubscribeUrl, unsubscribePageUrl } from "./unsubscribe";

interface ResendFailure {
  name?: string;
  message?: string;
  statusCode?: number | null;
}

/** 429, 5xx, a network error and Resend's "concurrent request with this key" are worth retrying. */
export function isRetryable(error: ResendFailure): boolean {
  const status = error.statusCode;
  if (status === null || status === undefined) {
    return error.name === "application_error" || error.name === "concurrent_idempotent_requests";
  }
  return status === 429 || status >= 500 || error.name === "concurrent_idempotent_requests";
}

function retryAfterMs(headers: Record<string, string> | null): number | undefined {
  const value = headers?.["retry-after"];
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

async function markOutbox(id: string, values: Partial<OutboxEmail>) {
  await db
    .update(emailOutbox)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(emailOutbox.id, id));
}

/**
 * Deliver one outbox row. Safe to run any number of times: a row that is no longer `queued` is
 * left alone, and Resend receives the same idempotency key on every attempt, so a crash between
 * Resend accepting the message and this job recording it costs one extra request, not an extra
 * email.
 */
export async function deliverOutboxEmail(
  outboxId: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId));
  if (!email) throw new PermanentJobError(`outbox row ${outboxId} does not exist`);
  if (email.status !== "queued") return;

  const blocked = await blockedReason(email.to, email.category);
  if (blocked) {
    await markOutbox(email.id, { status: "suppressed", error: blocked });
    return;
  }

  const notification = email.category !== "transactional";
  let rendered;
  try {
    rendered = await renderEmail(
      email.template as TemplateName,
      email.props as never,
      notification ? { unsubscribeUrl: unsubscribePageUrl(email.to, email.category) } : undefined,
    );
  } catch (error) {
    // A template that no longer renders these props will not start rendering them on retry.
    const reason = `could not render: ${error instanceof Error ? error.message : String(error)}`;
    await markOutbox(email.id, { status: "failed", error: reason });
    throw new PermanentJobError(reason);
  }

  const client = resendClient();
  if (!client) {
    await markOutbox(email.id, {
      ...rendered,
      status: "sent",
      provider: "local",
      sentAt: new Date(),
    });
    return;
  }

  const headers: Record<string, string> = notification
    ? {
        "List-Unsubscribe": `<${oneClickUnsubscribeUrl(email.to, email.category)}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      }
    : {};
  const {
    data,
    error,
    headers: responseHeaders,
  } = await client.emails.send(
    {
      from: email.from,
      to: email.to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers,
      tags: [{ name: "template", value: email.template.replaceAll(/[^a-zA-Z0-9_-]/g, "_") }],
    },
    // The job's signal ends the request when the job times out (or its worker stops), so a hung
    // call does not keep a socket open after the job has given up on it.
    { idempotencyKey: email.idempotencyKey ?? email.id, signal: options.signal },
  );
  if (error) {
    const reason = `${error.name ?? "error"}${error.statusCode ? ` (${error.statusCode})` : ""}: ${error.message ?? ""}`;
    if (isRetryable(error)) throw new RetryableJobError(reason, retryAfterMs(responseHeaders));
    await markOutbox(email.id, { ...rendered, status: "failed", error: reason });
    throw new PermanentJobError(reason);
  }
  await markOutbox(email.id, {
    ...rendered,
    status: "sent",
    provider: "resend",
    providerMessageId: data?.id ?? null,
    sentAt: new Date(),
    error: null,
  });
}

defineJob("email.send", async ({ outboxId }, { signal }) =>
  deliverOutboxEmail(outboxId, { signal }),
);
