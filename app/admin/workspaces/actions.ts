"use server";

import { revalidatePath } from "next/cache";
import { failed, fields, typed } from "@/app/form-actions";
import {
  applyCoupon,
  cancelSubscription,
  extendTrial,
  grantContract,
  refundLastPayment,
  switchPlan,
} from "@/lib/admin/manage-subscription";
import { requireFreshSession } from "@/lib/admin/fresh-session";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import type { FormState } from "@/lib/auth/form-state";
import { requireAdmin } from "../admin-session";

const PENDING = "Sent to Stripe. It shows as pending below until Stripe's webhook has arrived.";
const DUPLICATE = "This form was sent already: Stripe acted once. See the actions below.";

/** The wall, then one domain call on the workspace named by the form; errors go back to it. */
async function handle(
  form: FormData,
  run: (
    admin: AdminPrincipal,
    workspaceId: string,
    input: Record<string, unknown>,
  ) => Promise<{ duplicate: boolean }>,
  success: string = PENDING,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<FormState> {
  const { admin, session } = await requireAdmin();
  const value = form.get("workspaceId");
  const workspaceId = typeof value === "string" ? value : "";
  const values = typed(form);
  try {
    // Sensitive (money leaves): only within 15 minutes of signing in or re-entering the password.
    if (fresh) await requireFreshSession(session.session);
    const { duplicate } = await run(admin, workspaceId, fields(form));
    revalidatePath(`/admin/workspaces/${workspaceId}`, "page");
    return { success: duplicate ? DUPLICATE : success };
  } catch (error) {
    return failed(error, values);
  }
}

// POST /admin/workspaces/{id} – cancel the subscription at period end or now (Stripe)
export async function cancelSubscriptionAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, cancelSubscription);
}

// POST /admin/workspaces/{id} – move the trial's end later (Stripe)
export async function extendTrialAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, extendTrial);
}

// POST /admin/workspaces/{id} – apply a Stripe coupon to the subscription
export async function applyCouponAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, applyCoupon);
}

// POST /admin/workspaces/{id} – refund the last payment, in full or in part (Stripe)
export async function refundAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, refundLastPayment, PENDING, { fresh: true });
}

// POST /admin/workspaces/{id} – switch the subscription's plan, interval or seats (Stripe)
export async function switchPlanAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, switchPlan);
}

// POST /admin/workspaces/{id} – grant a manual Enterprise contract (no Stripe subscription)
export async function grantContractAction(_: FormState, form: FormData): Promise<FormState> {
  return handle(form, grantContract, "The Enterprise contract is in force.");
}
