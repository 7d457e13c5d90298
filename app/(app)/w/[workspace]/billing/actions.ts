"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { failed, fields, STALE_FORM } from "@/app/form-actions";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { openBillingPortal, startCheckout } from "@/lib/billing/checkout";
import { idSchema } from "@/lib/validation";

const workspaceForm = z.object({ workspaceId: idSchema });
/** Plan choices as submitted; startCheckout validates them. A blank seats box means "not given". */
const checkoutFields = z.object({
  plan: z.string().catch(""),
  interval: z.string().catch(""),
  seats: z
    .string()
    .catch("")
    .transform((value) => value.trim() || undefined),
});

// Start Stripe Checkout for a plan, then send the browser to the hosted checkout page.
export async function startCheckoutAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = workspaceForm.safeParse(fields(form));
  if (!target.success) return STALE_FORM;
  const input = checkoutFields.parse(fields(form));
  let url: string;
  try {
    ({ url } = await startCheckout(principalOf(session), target.data.workspaceId, input));
  } catch (error) {
    return failed(error, { plan: input.plan, interval: input.interval, seats: input.seats ?? "" });
  }
  redirect(url);
}

// Open the Stripe customer portal (plan, seats, card, cancellation, invoices).
export async function openBillingPortalAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await requireSession();
  const target = workspaceForm.safeParse(fields(form));
  if (!target.success) return STALE_FORM;
  let url: string;
  try {
    ({ url } = await openBillingPortal(principalOf(session), target.data.workspaceId));
  } catch (error) {
    return failed(error);
  }
  redirect(url);
}
