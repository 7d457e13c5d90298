"use server";

import { revalidatePath } from "next/cache";
import { failed, fields, typed } from "@/app/form-actions";
import { discardJob, replayStripeEvent, retryJob } from "@/lib/admin/operate-system";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import type { FormState } from "@/lib/auth/form-state";
import { requireAdmin } from "../admin-session";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The wall, then one domain call on the job or event named by the form. */
async function handle(
  form: FormData,
  idField: "jobId" | "eventId",
  run: (admin: AdminPrincipal, id: string, input: Record<string, unknown>) => Promise<void>,
  success: string,
): Promise<FormState> {
  const { admin } = await requireAdmin();
  const values = typed(form);
  try {
    await run(admin, text(form, idField), fields(form));
    revalidatePath("/admin/health", "page");
    return { success };
  } catch (error) {
    return failed(error, values);
  }
}

// POST /admin/health – give a dead job a fresh set of attempts
export async function retryJobAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, "jobId", retryJob, "Queued again.");
}

// POST /admin/health – drop a dead job for good
export async function discardJobAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, "jobId", discardJob, "Discarded.");
}

// POST /admin/health – process a failed Stripe event again
export async function replayWebhookAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(
    form,
    "eventId",
    replayStripeEvent,
    "Queued for processing: it shows as pending until it has run.",
  );
}
