import { billingConfigured } from "@/lib/billing/stripe";
import { AppError, isAppError } from "@/lib/errors";
import { getWorkspaceCustomerView } from "./lookup-customer";
import { currentCoupon, lastPayment } from "./manage-subscription";
import { listPendingActions } from "./pending-actions";
import type { AdminPrincipal } from "./require-platform-admin";

/**
 * The console's workspace page: what customer lookup shows about a workspace (account, members,
 * history, Stripe events, audit), its console actions with their pending state, and the last
 * payment and the subscription's coupon, read from Stripe (the refund form needs what is left to
 * refund; discounts are not kept in our tables).
 * When Stripe can't be reached the page still renders and says so.
 */
export async function getWorkspaceDetail(admin: AdminPrincipal, workspaceId: string) {
  const view = await getWorkspaceCustomerView(admin, workspaceId);
  if (!view) throw new AppError("not_found", "No workspace has this id.");
  const pending = await listPendingActions(view.workspace.id);
  let payment: Awaited<ReturnType<typeof lastPayment>> = null;
  let coupon: string | null = null;
  let paymentError: string | null = null;
  if (view.account?.stripeCustomerId && billingConfigured()) {
    try {
      [payment, coupon] = await Promise.all([
        lastPayment(view.account.stripeCustomerId),
        view.account.status === "canceled"
          ? null
          : currentCoupon(view.account.stripeSubscriptionId),
      ]);
    } catch (error) {
      if (!isAppError(error)) throw error;
      paymentError = error.message;
    }
  }
  return { ...view, pending, payment, coupon, paymentError };
}
